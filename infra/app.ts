/** The CDK app (cdk.json: `node infra/app.ts`). See create-app.ts for what it contains. */
import { createApp } from './create-app.ts';

createApp().app.synth();
