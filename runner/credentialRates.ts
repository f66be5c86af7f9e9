/**
 * How fast the credentials let the nodes send: the platforms' documented limits (npm start, so the
 * demo behaves as the real platforms would), or unpaced for tests that set the sandbox's limits
 * themselves and measure the nodes' answers to them.
 */
export type CredentialRates = 'documented' | 'unpaced';

export const UNPACED = {
	butterAiApi: { plan: 'custom', requestsPerSecond: 100_000 },
	buildVoiceAiApi: { requestsPerMinute: 1_000_000 },
	aitelierApi: { requestsPerMinute: 1_000_000, callsPerMinute: 1_000_000 },
};
