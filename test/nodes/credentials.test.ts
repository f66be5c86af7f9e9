import { testCredential } from '../harness/testCredential';
import { listOf, type LedgerEntry, SANDBOX_KEYS, useSandbox } from '../harness/sandbox';

const sandbox = useSandbox();

describe('credential tests, run as n8n runs them, against the sandbox', () => {
	it('Butter AI: a right key passes, a wrong key fails with the platform’s message', async () => {
		await expect(testCredential('butterAiApi', sandbox.credentials.butterAiApi())).resolves.toEqual(
			{
				status: 'OK',
				message: 'Connection successful!',
			},
		);
		const wrong = await testCredential('butterAiApi', {
			...sandbox.credentials.butterAiApi(),
			apiKey: 'nope',
		});
		expect(wrong).toEqual({
			status: 'Error',
			message: 'Invalid API key — Butter AI refused it (401)',
		});
	});

	it('Butter AI: the X-API-Key + X-Organization-Id header style works and is checked', async () => {
		const base = { ...sandbox.credentials.butterAiApi(), headerStyle: 'apiKeyHeader' };
		await expect(
			testCredential('butterAiApi', { ...base, organizationId: 'org_sandbox0001' }),
		).resolves.toMatchObject({
			status: 'OK',
		});
		await expect(
			testCredential('butterAiApi', { ...base, organizationId: 'org_other' }),
		).resolves.toMatchObject({
			status: 'Error',
		});
	});

	it('BuildVoiceAI: a right key passes without dialling anything; wrong key and disabled access fail', async () => {
		await expect(
			testCredential('buildVoiceAiApi', sandbox.credentials.buildVoiceAiApi()),
		).resolves.toMatchObject({
			status: 'OK',
		});
		const wrong = await testCredential('buildVoiceAiApi', {
			...sandbox.credentials.buildVoiceAiApi(),
			apiKey: 'bvai_sk_wrong',
		});
		expect(wrong).toEqual({ status: 'Error', message: 'Invalid API key' });

		await sandbox.control(
			'PUT',
			`/_sandbox/buildvoiceai/accounts/${SANDBOX_KEYS.buildVoiceAi.primary}`,
			{ apiAccess: false },
		);
		const disabled = await testCredential('buildVoiceAiApi', sandbox.credentials.buildVoiceAiApi());
		expect(disabled.status).toBe('Error');
		expect(disabled.message).toContain('API access is disabled');

		const ledger = await sandbox.control('GET', '/_sandbox/ledger?platform=buildvoiceai');
		expect(listOf<LedgerEntry>(ledger, 'entries')).toEqual([]);
	});

	it('Aitelier: a right key passes whatever its scopes, a wrong key fails', async () => {
		await expect(
			testCredential('aitelierApi', sandbox.credentials.aitelierApi()),
		).resolves.toMatchObject({ status: 'OK' });
		await expect(
			testCredential('aitelierApi', {
				...sandbox.credentials.aitelierApi(),
				apiKey: SANDBOX_KEYS.aitelier.readOnly,
			}),
		).resolves.toMatchObject({ status: 'OK' });
		const wrong = await testCredential('aitelierApi', {
			...sandbox.credentials.aitelierApi(),
			apiKey: 'avp_live_wrong',
		});
		expect(wrong).toEqual({ status: 'Error', message: 'Missing or invalid API key (401)' });
	});
});
