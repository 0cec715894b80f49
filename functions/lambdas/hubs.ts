/** The hubs function (a hub's year: records, report review, portfolio; the published reports). Handlers as assigned in functions/routes.ts. */

import { countWaiting } from '../adapters/wiring/inbox.ts';
import { handler as consoleHubYear } from '../handlers/console-hub-year.ts';
import { handler as consoleHubYearSave } from '../handlers/console-hub-year-save.ts';
import { handler as consoleHubs } from '../handlers/console-hubs.ts';
import { handler as hubPortfolio } from '../handlers/hub-portfolio.ts';
import { handler as hubReportFile } from '../handlers/hub-report-file.ts';
import { handler as hubReportsPage } from '../handlers/hub-reports-page.ts';
import { handler as hubYearChange } from '../handlers/hub-year-change.ts';
import { handler as hubYearGet } from '../handlers/hub-year-get.ts';
import { handler as hubsList } from '../handlers/hubs-list.ts';
import { countWaitingWith } from '../http/console-navigation.ts';
import { routeDispatcher } from './dispatch.ts';

// Its console pages show the count of governance requests waiting for the signed-in person.
countWaitingWith(countWaiting);

export const handler = routeDispatcher('hubs', {
  'hubs-list': hubsList,
  'hub-year-get': hubYearGet,
  'hub-year-change': hubYearChange,
  'hub-portfolio': hubPortfolio,
  'hub-reports-page': hubReportsPage,
  'hub-report-file': hubReportFile,
  'console-hubs': consoleHubs,
  'console-hub-year': consoleHubYear,
  'console-hub-year-save': consoleHubYearSave,
});
