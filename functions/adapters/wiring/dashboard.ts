import type { DashboardDeps } from '../../dashboard/dashboard.ts';
import { dashboardStore } from '../dynamodb/dashboard.ts';
import { meetingReader } from '../dynamodb/meeting-reader.ts';
import { store } from '../dynamodb/store.ts';
import { now, once } from './core.ts';

/** The console's dashboard: counts read through the indexes. */
export const dashboardDeps = /* @__PURE__ */ once(
  (): DashboardDeps => ({
    listMeetings: () => meetingReader(store()).listMeetings(),
    store: dashboardStore(store()),
    now,
  }),
);
