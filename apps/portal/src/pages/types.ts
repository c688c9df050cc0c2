/** The API's views the pages read (libs/cadres/src/cadre.dto.ts, libs/committees). */
export interface CadreSummary {
  id: string;
  committeeId: string;
  managingCommitteeId: string;
  fullName: string;
  gender: string;
  dateOfBirth: string;
  ethnicity: string;
  status: string;
  currentPositions?: { title: string; organisation: string; concurrent: boolean }[];
}

export interface CadreFile extends CadreSummary {
  religion: string | null;
  hometown: string | null;
  partyJoinDate: string | null;
  partyOfficialDate: string | null;
  educationLevel: string | null;
  politicalTheoryLevel: string | null;
  version: number;
  discipline?: { form: string; decidedOn: string; effectUntil?: string; decisionRef?: string; reason?: string }[];
  politicalNotes?: string | null;
  family?: { relation: string; fullName: string; birthYear?: number; hometown?: string; occupation?: string }[];
}

export interface Committee {
  id: string;
  code: string;
  name: string;
  depth: number;
  path: string;
}
