/** Intake channels (docs/architecture.md §1): 580 hotline, WeChat, grid report, petition (信访), app, walk-in, integrations. */
export const TICKET_CHANNELS = ['HOTLINE', 'WECHAT', 'GRID_REPORT', 'PETITION', 'APP', 'WALK_IN', 'API'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** 回访 answers: 满意 / 基本满意 / 不满意. */
export const SATISFACTIONS = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** Which deadline was missed: acceptance (受理时限) or resolution (办结时限). */
export const OVERDUE_KINDS = ['ACCEPT', 'RESOLVE'] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];
