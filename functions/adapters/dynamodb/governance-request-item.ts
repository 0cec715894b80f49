import type { EntityItem } from 'electrodb';
import type { Kind } from '../../governance/kinds.ts';
import type { GovernanceRequest } from '../../governance/request.ts';
import { isLang } from '../../i18n/languages.ts';
import type { Store } from './store.ts';

/** A stored governance request read back: the nested parts are JSON (no calls here, shared by the adapters that read requests). */
type RequestItem = EntityItem<Store['entities']['governanceRequest']>;

export function toRequest(item: RequestItem): GovernanceRequest {
  return {
    requestId: item.requestId,
    kind: item.kind as Kind,
    state: item.state,
    version: item.version,
    requesterEmail: item.requesterEmail,
    requesterName: item.requesterName,
    fields: JSON.parse(item.fields) as Record<string, unknown>,
    ...(item.partnerId ? { partnerId: item.partnerId } : {}),
    ...(item.groupId ? { groupId: item.groupId } : {}),
    ...(item.voting ? { voting: JSON.parse(item.voting) as GovernanceRequest['voting'] } : {}),
    ...(item.result ? { result: JSON.parse(item.result) as GovernanceRequest['result'] } : {}),
    ...(item.language && isLang(item.language) ? { language: item.language } : {}),
    ...(item.attachments
      ? { attachments: JSON.parse(item.attachments) as NonNullable<GovernanceRequest['attachments']> }
      : {}),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}
