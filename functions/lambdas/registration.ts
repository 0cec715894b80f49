/** The registration function (registrants: the form, the JSON API, email verification and self-service). Handlers as assigned in functions/routes.ts. */

import { handler as registrationCalendar } from '../handlers/registration-calendar.ts';
import { handler as registrationData } from '../handlers/registration-data.ts';
import { handler as registrationDelete } from '../handlers/registration-delete.ts';
import { handler as registrationForm } from '../handlers/registration-form.ts';
import { handler as registrationManage } from '../handlers/registration-manage.ts';
import { handler as registrationSubmit } from '../handlers/registration-submit.ts';
import { handler as registrationUpdate } from '../handlers/registration-update.ts';
import { handler as registrationVerify } from '../handlers/registration-verify.ts';
import { handler as registrationVerifyPage } from '../handlers/registration-verify-page.ts';
import { handler as registrationWithdraw } from '../handlers/registration-withdraw.ts';
import { handler as registrationWithdrawConfirm } from '../handlers/registration-withdraw-confirm.ts';
import { routeDispatcher } from './dispatch.ts';

export const handler = routeDispatcher('registration', {
  'registration-form': registrationForm,
  'registration-submit': registrationSubmit,
  'registration-verify-page': registrationVerifyPage,
  'registration-verify': registrationVerify,
  'registration-manage': registrationManage,
  'registration-update': registrationUpdate,
  'registration-withdraw-confirm': registrationWithdrawConfirm,
  'registration-withdraw': registrationWithdraw,
  'registration-delete': registrationDelete,
  'registration-data': registrationData,
  'registration-calendar': registrationCalendar,
});
