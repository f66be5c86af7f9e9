import { aitelierPlatform } from './aitelier';
import { buildVoiceAiPlatform } from './buildvoiceai';
import { butterPlatform } from './butter';
import { type Sandbox, type SandboxOptions, startSandbox } from './server';

/*
 * The composition root: the one file that knows every platform. Each platform folder describes
 * itself as a SandboxPlatform (its index.ts); the core serves whatever it is handed here.
 */

export const PLATFORMS = [butterPlatform, buildVoiceAiPlatform, aitelierPlatform] as const;
export type Platform = (typeof PLATFORMS)[number]['id'];
export type { Sandbox, SandboxOptions };

/** The three APIs and the control API on one port. */
export const createSandbox = (options: SandboxOptions = {}): Promise<Sandbox> =>
	startSandbox(PLATFORMS, options);

/** Each API's base URL on a sandbox at `url`, keyed as the credentials name the platforms. */
export function baseUrls(url: string) {
	return {
		butter: url + butterPlatform.prefix,
		buildVoiceAi: url + buildVoiceAiPlatform.prefix,
		aitelier: url + aitelierPlatform.prefix,
	};
}
