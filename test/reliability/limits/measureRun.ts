// Runs one large operation through n8n's engine in a fresh process and prints its memory use, so
// the figure is this run's alone (the sandbox it talks to lives in the parent).
import '../../harness/setup-env';

import { runNode } from '../../harness/runNode';

type Scenario = 'knowledgeUpload50MB' | 'batch10000Rows';

const [scenario, baseUrl, apiKey] = process.argv.slice(2) as [Scenario, string, string];
const MB = 1024 * 1024;

async function main() {
	const before = process.memoryUsage().rss;
	let outcome: { items: number; error?: string; id?: unknown };
	if (scenario === 'knowledgeUpload50MB') {
		// A 50 MB text file, as a Read Binary File node would hand it over.
		const data = Buffer.alloc(50 * MB, 'Opening hours are nine to five on weekdays. ').toString(
			'base64',
		);
		const { items, error } = await runNode({
			node: 'butterAi',
			parameters: {
				resource: 'knowledgeBase',
				operation: 'create',
				source: 'binary',
				name: 'Handbook',
				binaryPropertyName: 'data',
			},
			credentials: { butterAiApi: { apiKey, baseUrl } },
			fullItems: [
				{ json: {}, binary: { data: { data, mimeType: 'text/plain', fileName: 'handbook.txt' } } },
			],
		});
		outcome = { items: items.length, error: error?.message };
	} else {
		const leads = Array.from({ length: Number(process.env.ROWS ?? 10_000) }, (_, i) => ({
			phone: `+1555${String(4_000_000 + i)}`,
			lead_id: `L-${i}`,
			first_name: `Lead ${i}`,
			notes: 'Asked to be called back after 5pm, prefers English',
		}));
		const { items, error } = await runNode({
			node: 'aitelier',
			parameters: {
				resource: 'batch',
				operation: 'create',
				source: 'items',
				scenario: 'scn_outbound_demo0001',
				phoneField: 'phone',
			},
			credentials: { aitelierApi: { apiKey, baseUrl } },
			items: leads,
		});
		outcome = { items: items.length, error: error?.message, id: items[0]?.json.id };
	}
	const peak = process.resourceUsage().maxRSS * 1024;
	process.stdout.write(
		`${JSON.stringify({ scenario, baselineRss: before, peakRss: peak, ...outcome })}\n`,
	);
}

main().catch((error: unknown) => {
	process.stdout.write(`${JSON.stringify({ scenario, error: String(error) })}\n`);
	process.exit(1);
});
