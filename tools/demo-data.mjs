// Kept for `npm start` (infra/scripts/start.mjs): the demo profile lives in tools/seed/demo.mjs.
export { DEMO_PASSWORD, loadDemoData } from './seed/demo.mjs';
