/** A confidence vote the signed-in voter may cast a ballot in, as the voter's page lists it. */
export interface OpenBallot {
  sessionId: string;
  title: string;
  committeeName: string;
  closesOn: string;
}

/**
 * The voter's open ballots. Vote sessions do not exist in the API yet (issue 11 builds /vote-sessions),
 * so there is nothing to ask for and no voter has an open ballot; the page already shows a list when
 * this hook returns one. Issue 11 replaces the body with a query of the voter's open sessions.
 */
export function useOpenBallots(): { ballots: OpenBallot[]; isLoading: boolean } {
  return { ballots: [], isLoading: false };
}
