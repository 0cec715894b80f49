import type { MeetingsDeps } from '../../meetings/index.ts';
import { meetingReader } from '../dynamodb/meeting-reader.ts';
import { store } from '../dynamodb/store.ts';
import { now, once } from './core.ts';

/** Reading meetings: the public pages, the registration form, the console's lists. */
export const meetingsDeps = /* @__PURE__ */ once((): MeetingsDeps => ({ meetings: meetingReader(store()), now }));
