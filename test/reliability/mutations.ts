import { createHmac } from 'crypto';

import type { HeaderMap, SignatureOptions, SignatureScheme } from '../../nodes/shared/signatures';
// Signed by the sandbox's own signer: the verifier under test must not grade its own signatures.
import { signPayload } from '../../sandbox/signing';

/** mulberry32: deterministic, so a failing case reproduces exactly. */
export function prng(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Delivery {
	body: Buffer;
	headers: HeaderMap;
}

/**
 * What verification must answer: `reject` (401), `accept`, `either` where the change leaves
 * the genuine proof intact (a hex signature's letter case, the genuine value still inside a
 * repeated header joined with ", "), so accepting it forges nothing — or `noStart`: a genuine
 * delivery already accepted (a replay inside the window) may be answered 200 as a duplicate or
 * 401, but must start nothing.
 */
export type Expectation = 'accept' | 'reject' | 'either' | 'noStart';

export interface Mutant extends Delivery {
	kind: string;
	expect: Expectation;
}

export interface Signer {
	scheme: SignatureScheme;
	options: SignatureOptions;
	/** The header that carries the proof, as `signPayload` names it. */
	proofHeader: string;
	/** Whether the body is covered by the proof (shared-secret headers do not sign it). */
	signsBody: boolean;
	timestamped: boolean;
	hex: boolean;
	/**
	 * The trigger verifies automatically (any HMAC scheme whose headers are present): a genuine
	 * proof under another HMAC scheme, or in the other encoding of a bare body HMAC, is accepted.
	 */
	auto?: boolean;
}

const MUTATIONS = [
	'body bit flip',
	'proof bit flip',
	'header truncated',
	'header doubled (two values)',
	'header doubled (joined ", ")',
	'header missing',
	'signature in another encoding',
	'body in another encoding',
	'huge header',
	'garbage header',
	'timestamp 1 s too old',
	'timestamp 1 s inside the window (old side)',
	'timestamp 1 s inside the window (future side)',
	'timestamp 1 s too far ahead',
	'replayed delivery',
	'replay with a padded proof',
	'wrong scheme',
	'wrong secret',
] as const;
export type MutationKind = (typeof MUTATIONS)[number];

const WRONG_SECRET = 'whsec_d3Jvbmctc2VjcmV0LWZvci1mdXp6aW5nLTAwMQ==';

/** Makes mutated deliveries of one trigger + scheme; each starts from a fresh, validly signed one. */
export function mutator(signer: Signer, freshBody: () => Buffer, now: number, seed: number) {
	const random = prng(seed);
	const pick = (n: number) => Math.floor(random() * n);
	const tolerance = signer.options.toleranceSeconds ?? 300;
	const sign = (
		body: Buffer,
		extra: Partial<SignatureOptions> & { timestamp?: number } = {},
	): HeaderMap => signPayload(body, { ...signer.options, now, ...extra });
	const garbage = (length: number) =>
		Array.from({ length }, () =>
			String.fromCharCode(pick(4) === 0 ? 0x80 + pick(0x2f00) : 32 + pick(95)),
		).join('');
	const accepted: Delivery[] = [];

	const valid = (): Delivery => {
		const body = freshBody();
		return { body, headers: sign(body) };
	};
	/** Valid deliveries the trigger accepted, kept to be replayed later. */
	const remember = (delivery: Delivery) => {
		if (accepted.length < 500) accepted.push(delivery);
	};

	function mutate(kind: MutationKind): Mutant | undefined {
		const base = valid();
		const headers: HeaderMap = { ...base.headers };
		const proof = String(headers[signer.proofHeader]);
		const names = Object.keys(headers);
		const name = names[pick(names.length)];
		const value = String(headers[name]);
		const out = (expect: Expectation, body = base.body, changed = headers): Mutant => ({
			kind,
			expect,
			body,
			headers: changed,
		});
		switch (kind) {
			case 'body bit flip': {
				const body = Buffer.from(base.body);
				body[pick(body.length)] ^= 1 << pick(8);
				return out(signer.signsBody ? 'reject' : 'accept', body);
			}
			case 'proof bit flip': {
				const at = pick(proof.length);
				const flipped =
					proof.slice(0, at) +
					String.fromCharCode(proof.charCodeAt(at) ^ (1 << pick(7))) +
					proof.slice(at + 1);
				const harmless =
					signer.hex &&
					flipped.toLowerCase() === proof.toLowerCase() &&
					/[a-f]/i.test(proof[at]) &&
					at > proof.lastIndexOf('=');
				return out(harmless ? 'either' : 'reject', base.body, {
					...headers,
					[signer.proofHeader]: flipped,
				});
			}
			case 'header truncated':
				return out('reject', base.body, { ...headers, [name]: value.slice(0, pick(value.length)) });
			case 'header doubled (two values)':
				return out('reject', base.body, { ...headers, [name]: [value, value] });
			case 'header doubled (joined ", ")':
				// What Node's HTTP parser makes of a repeated custom header; the genuine value is still inside.
				return out(
					name === signer.proofHeader && !['sharedSecret', 'hmacSha256'].includes(signer.scheme)
						? 'either'
						: 'reject',
					base.body,
					{
						...headers,
						[name]: `${value}, ${value}`,
					},
				);
			case 'header missing': {
				const rest = { ...headers };
				delete rest[name];
				return out('reject', base.body, rest);
			}
			case 'signature in another encoding': {
				const resigned = otherEncoding(signer, base.body, headers);
				// Automatic verification reads a bare body HMAC in hex or base64: the same proof.
				const same = signer.auto && signer.scheme === 'hmacSha256';
				return resigned ? out(same ? 'either' : 'reject', base.body, resigned) : undefined;
			}
			case 'body in another encoding': {
				const text = base.body.toString('utf8');
				const body = pick(2) ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'latin1');
				return out(signer.signsBody ? 'reject' : 'accept', body);
			}
			case 'huge header':
				return out('reject', base.body, {
					...headers,
					[name]: value + 'A'.repeat(8192 + pick(1_000_000)),
				});
			case 'garbage header':
				return out('reject', base.body, { ...headers, [name]: garbage(1 + pick(200)) });
			case 'timestamp 1 s too old':
			case 'timestamp 1 s inside the window (old side)':
			case 'timestamp 1 s inside the window (future side)':
			case 'timestamp 1 s too far ahead': {
				if (!signer.timestamped) return undefined;
				const offsets: Record<string, number> = {
					'timestamp 1 s too old': -tolerance - 1,
					'timestamp 1 s inside the window (old side)': -tolerance + 1,
					'timestamp 1 s inside the window (future side)': tolerance - 1,
					'timestamp 1 s too far ahead': tolerance + 1,
				};
				const inside = kind.includes('inside');
				return out(
					inside ? 'accept' : 'reject',
					base.body,
					sign(base.body, { timestamp: now + offsets[kind] }),
				);
			}
			case 'replayed delivery': {
				if (!accepted.length) return undefined;
				const earlier = accepted[pick(accepted.length)];
				// Schemes without a timestamp have no replay window: documented, and counted apart.
				return {
					kind,
					expect: signer.timestamped ? 'noStart' : 'accept',
					body: earlier.body,
					headers: earlier.headers,
				};
			}
			case 'replay with a padded proof': {
				if (!accepted.length || !signer.timestamped) return undefined;
				const earlier = accepted[pick(accepted.length)];
				const padded =
					signer.scheme === 'stripe'
						? `${earlier.headers[signer.proofHeader]},v1=${'0'.repeat(64)}`
						: `${earlier.headers[signer.proofHeader]} v1,${Buffer.alloc(32).toString('base64')}`;
				// The genuine proof is still in the list: a duplicate, which must start nothing.
				return {
					kind,
					expect: 'noStart',
					body: earlier.body,
					headers: { ...earlier.headers, [signer.proofHeader]: padded },
				};
			}
			case 'wrong scheme': {
				const others = (
					['standardWebhooks', 'stripe', 'hmacSha256', 'sharedSecret'] as const
				).filter((s) => s !== signer.scheme);
				const scheme = others[pick(others.length)];
				// Automatic verification accepts any HMAC scheme: only a plain secret is wrong there.
				return out(
					signer.auto && scheme !== 'sharedSecret' ? 'accept' : 'reject',
					base.body,
					signPayload(base.body, { scheme, secret: signer.options.secret, now }),
				);
			}
			case 'wrong secret':
				return out('reject', base.body, sign(base.body, { secret: WRONG_SECRET }));
		}
	}
	return { valid, remember, mutate, kinds: MUTATIONS };
}

/** The same proof in the encoding the scheme does not use (hex ↔ base64). */
function otherEncoding(signer: Signer, body: Buffer, headers: HeaderMap): HeaderMap | undefined {
	const proof = String(headers[signer.proofHeader]);
	const swap = (encoded: string, from: 'hex' | 'base64') =>
		Buffer.from(encoded, from).toString(from === 'hex' ? 'base64' : 'hex');
	switch (signer.scheme) {
		case 'standardWebhooks':
			return { ...headers, [signer.proofHeader]: `v1,${swap(proof.slice(3), 'base64')}` };
		case 'stripe':
			return {
				...headers,
				[signer.proofHeader]: proof.replace(
					/v1=([0-9a-f]+)/,
					(_, hex: string) => `v1=${swap(hex, 'hex')}`,
				),
			};
		case 'hmacSha256': {
			const digest = createHmac('sha256', signer.options.secret).update(body).digest('base64');
			return { ...headers, [signer.proofHeader]: digest };
		}
		case 'sharedSecret':
			return {
				...headers,
				[signer.proofHeader]: Buffer.from(signer.options.secret).toString('base64'),
			};
	}
}
