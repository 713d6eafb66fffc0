/** A sign-in session ended by `signOut`: its token stops working until `until`, when it would have expired anyway. */
export interface EndedSession {
  id: string;
  until: Date;
}

/** The ended sessions whose tokens may still be presented at `now` (the others expired: nothing to refuse any more). */
export function liveEndedSessions(sessions: readonly EndedSession[], now: Date): EndedSession[] {
  return sessions.filter((session) => session.until.getTime() >= now.getTime());
}

/** `sessions` with `id` ended until `until` (the later end when it was ended before), expired ones dropped. */
export function withEndedSession(sessions: readonly EndedSession[], id: string, until: Date, now: Date): EndedSession[] {
  const previous = sessions.find((session) => session.id === id);
  const end = previous && previous.until.getTime() > until.getTime() ? previous.until : until;
  return liveEndedSessions([...sessions.filter((session) => session.id !== id), { id, until: end }], now);
}

/** The credentials version after an event that ends every token of the member (members stored before versions count as 0). */
export function nextCredentialsVersion(current: number | undefined): number {
  return (current ?? 0) + 1;
}
