/**
 * The loop workflows in test/e2e/workflows/ (place calls; one outcome recorder per platform),
 * shared by the e2e loops and the queue tier.
 */
export const LOOP = {
	placeCalls: 'e2eLoopPlaceCall',
	butter: 'e2eLoopButterOut',
	buildVoiceAi: 'e2eLoopBvaiOut01',
	aitelier: 'e2eLoopAitelOut1',
};
/** The outcome recorders' trigger webhook ids. */
export const LOOP_HOOK = {
	butter: 'e2e10001-7b1c-4c2e-9a01-5a3d2c1b0e01',
	buildVoiceAi: 'e2e10002-7b1c-4c2e-9a01-5a3d2c1b0e02',
	aitelier: 'e2e10003-7b1c-4c2e-9a01-5a3d2c1b0e03',
};
/** The realtime agent's number: the loop's Butter trigger registers itself on it. */
export const LOOP_BUTTER_NUMBER = 'phon_6a66fbffe191';
