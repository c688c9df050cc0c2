import type { DisciplineDto, FamilyMemberDto } from '../../api';

/**
 * The API's views the pages read (libs/cadres/src/cadre.dto.ts, libs/committees), by hand: the API does
 * not declare these responses in its OpenAPI document yet (no @ApiOkResponse on GET /cadres, /cadres/:id,
 * /committees), so they are not in ../api/schema.d.ts. Once they are, use those types instead.
 */
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
  discipline?: DisciplineDto[];
  politicalNotes?: string | null;
  family?: FamilyMemberDto[];
}

export interface Committee {
  id: string;
  code: string;
  name: string;
  depth: number;
  path: string;
}
