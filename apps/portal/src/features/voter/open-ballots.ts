import { useQuery } from '@tanstack/react-query';
import type { Schemas } from '../../api';
import { api } from '../../providers/http';

/** A confidence vote the signed-in voter is on the list of (GET /vote-sessions/mine). */
export type VoterSession = Schemas['VoterSessionView'];
export type Rating = 'high' | 'confidence' | 'low';
export const RATINGS: readonly Rating[] = ['high', 'confidence', 'low'];

export const voterSessionsKey = ['canbo', 'vote-sessions', 'mine'] as const;

/** The voter's sessions: the open ones to vote in, the closed ones to check its receipt against. */
export function useVoterSessions(): { sessions: VoterSession[]; isLoading: boolean } {
  const query = useQuery({ queryKey: voterSessionsKey, queryFn: () => api<VoterSession[]>('/vote-sessions/mine') });
  return { sessions: query.data ?? [], isLoading: query.isLoading };
}

/** Whether a session takes ballots now: scheduled, and between its opening and its close. */
export const isOpen = (s: VoterSession, now = Date.now()): boolean =>
  s.state === 'scheduled' && Date.parse(s.opensAt) <= now && now < Date.parse(s.closesAt);
