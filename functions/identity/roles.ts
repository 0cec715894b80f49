/** The roles of the U4SSC Terms of Reference, as they appear in tokens (Cognito groups). */
export const ROLES = ['secretariat', 'partner', 'board', 'leader', 'hub', 'participant'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const ROLE_TITLES: Record<Role, string> = {
  secretariat: 'Secretariat (ITU, UNECE, UN-Habitat focal points)',
  partner: 'Partners Council member',
  board: 'Management Board (Chair or Vice-Chair)',
  leader: 'Thematic group leader',
  hub: 'U4SSC hub',
  participant: 'Participant',
};
