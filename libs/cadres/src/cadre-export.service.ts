import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { CADRE_RESTRICTED_FIELDS, accessibleBy, currentActor } from '@canbo/access';
import { AuditService } from '@canbo/audit';
import { CommitteeRef, CommitteesService } from '@canbo/committees';
import { XlsxColumn, XlsxWorkbook, encodeCursor, vnDate, xlsxDate, xlsxTable } from '@canbo/platform';
import { CadreExportQuery, CadreView, DisciplineDto, FamilyMemberDto } from './cadre.dto';
import { restrictedReader, toView } from './cadre.mappers';
import { CADRE_SCOPE_COLUMNS, ResolvedCadreFilter, cadreKeyOf } from './cadre-queries';
import { CadreRepository } from './cadre.repository';
import { CadreRow } from './cadre.entity';

/** Rows per statement: large enough that 100,000 files take a hundred round trips, small enough to hold. */
const EXPORT_PAGE = 1000;

const GENDER: Record<string, string> = { male: 'Nam', female: 'Nữ' };
const STATUS: Record<string, string> = {
  serving: 'Đang công tác',
  rotated_out: 'Luân chuyển đi',
  retired: 'Nghỉ hưu',
  deceased: 'Từ trần',
  removed: 'Đã đưa ra khỏi diện',
};
const THEORY: Record<string, string> = { elementary: 'Sơ cấp', intermediate: 'Trung cấp', advanced: 'Cao cấp', bachelor: 'Cử nhân' };
const DISCIPLINE: Record<string, string> = {
  reprimand: 'Khiển trách',
  warning: 'Cảnh cáo',
  removal_from_post: 'Cách chức',
  expulsion: 'Khai trừ',
};
const RELATION: Record<string, string> = {
  father: 'Bố',
  mother: 'Mẹ',
  spouse: 'Vợ/chồng',
  child: 'Con',
  sibling: 'Anh/chị/em ruột',
  father_in_law: 'Bố vợ/chồng',
  mother_in_law: 'Mẹ vợ/chồng',
  spouse_sibling: 'Anh/chị/em vợ/chồng',
  other: 'Khác',
};

const label = (labels: Record<string, string>, code: string | null) => (code ? (labels[code] ?? code) : null);

const PUBLIC_COLUMNS: XlsxColumn[] = [
  { header: 'STT', width: 7 },
  { header: 'Họ và tên', width: 28 },
  { header: 'Giới tính', width: 9 },
  { header: 'Ngày sinh', date: true },
  { header: 'Dân tộc', width: 10 },
  { header: 'Tôn giáo', width: 12 },
  { header: 'Quê quán', width: 28 },
  { header: 'Ngày vào Đảng', date: true, width: 14 },
  { header: 'Ngày chính thức', date: true, width: 15 },
  { header: 'Trình độ chuyên môn', width: 24 },
  { header: 'Lý luận chính trị', width: 16 },
  { header: 'Chức vụ hiện nay', width: 36 },
  { header: 'Đơn vị công tác', width: 28 },
  { header: 'Cấp quản lý', width: 28 },
  { header: 'Trạng thái', width: 16 },
  { header: 'Mã hồ sơ', width: 38 },
];
const RESTRICTED_COLUMNS: XlsxColumn[] = [
  { header: 'Kỷ luật', width: 40 },
  { header: 'Ghi chú chính trị', width: 40 },
  { header: 'Quan hệ gia đình', width: 48 },
];

function cells(n: number, v: CadreView, names: Map<string, CommitteeRef>, restricted: boolean | undefined): unknown[] {
  const row: unknown[] = [
    n,
    v.fullName,
    GENDER[v.gender] ?? v.gender,
    xlsxDate(v.dateOfBirth),
    v.ethnicity,
    v.religion,
    v.hometown,
    xlsxDate(v.partyJoinDate),
    xlsxDate(v.partyOfficialDate),
    v.educationLevel,
    label(THEORY, v.politicalTheoryLevel),
    v.currentPositions.map((p) => (p.concurrent ? `${p.title} (kiêm nhiệm)` : p.title)).join('; '),
    names.get(v.committeeId)?.name ?? v.committeeId,
    names.get(v.managingCommitteeId)?.name ?? v.managingCommitteeId,
    label(STATUS, v.status),
    v.id,
  ];
  // `undefined`: the sheet has no restricted columns; `false`: this file's stay empty.
  if (restricted === undefined) return row;
  if (!restricted) return [...row, null, null, null];
  const discipline = (v.discipline ?? []) as DisciplineDto[];
  const family = (v.family ?? []) as FamilyMemberDto[];
  return [
    ...row,
    discipline
      .map((d) => `${DISCIPLINE[d.form] ?? d.form} (${[d.decidedOn && vnDate(d.decidedOn), d.decisionRef].filter(Boolean).join(', ')})`)
      .join('; ') || null,
    v.politicalNotes ?? null,
    family.map((m) => `${RELATION[m.relation] ?? m.relation}: ${m.fullName}${m.birthYear ? ` (${m.birthYear})` : ''}`).join('; ') || null,
  ];
}

/** A committee filter resolved, ready to stream: deciding it can fail with a problem answer, streaming cannot. */
export interface PreparedCadreExport {
  write(book: XlsxWorkbook, pace: () => Promise<void>): Promise<number>;
}

/**
 * The cadre list as a workbook (product.md, module 2): the list's filters, scope and order, read in
 * keyset pages so that no more than one page is held, with the restricted groups only in the files
 * whose groups the caller reads (restrictedReader, the list's own decision). The export is audited
 * (who, which filters, how many rows) in the transaction the pages are read in, before the workbook is
 * closed: a failed audit leaves the download broken, never a file without its trail entry.
 */
@Injectable()
export class CadreExport {
  constructor(
    private readonly cadres: CadreRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async prepare(query: CadreExportQuery): Promise<PreparedCadreExport> {
    // 404 for a committee the caller cannot see, as the list answers, before a byte goes out.
    const committee = await this.committees.rangeOf(query);
    const filter: ResolvedCadreFilter = { ...query, committee, search: 'trigram' };
    return { write: (book, pace) => this.txHost.withTransaction(() => this.write(query, filter, book, pace)) };
  }

  private async write(
    query: CadreExportQuery,
    filter: ResolvedCadreFilter,
    book: XlsxWorkbook,
    pace: () => Promise<void>,
  ): Promise<number> {
    const actor = currentActor();
    const scope = accessibleBy(actor.ability, 'read', 'Cadre', CADRE_SCOPE_COLUMNS, { field: 'id' });
    // Without a subject CASL answers whether any rule grants the field: whether some file may show the groups.
    const restrictedColumns = CADRE_RESTRICTED_FIELDS.every((f) => actor.ability.can('read', 'Cadre', f));
    const sheet = xlsxTable(book, 'Hồ sơ cán bộ', restrictedColumns ? [...PUBLIC_COLUMNS, ...RESTRICTED_COLUMNS] : PUBLIC_COLUMNS);
    const reads = restrictedReader();
    const names = new Map<string, CommitteeRef>();
    const keyOf = cadreKeyOf(query.sort);
    let cursor: string | undefined;
    let n = 0;
    let shown = 0;
    for (;;) {
      const rows: CadreRow[] = await this.cadres.exportPage(
        scope,
        filter,
        { sort: query.sort, cursor, limit: EXPORT_PAGE },
        restrictedColumns,
      );
      const page = rows.slice(0, EXPORT_PAGE);
      const missing = [...new Set(page.flatMap((r) => [r.committee_id, r.managing_committee_id]))].filter((id) => !names.has(id));
      for (const [id, ref] of await this.committees.refs(missing)) names.set(id, ref);
      for (const r of page) {
        const restricted = restrictedColumns ? reads(r) : undefined;
        if (restricted) shown++;
        sheet.addRow(cells(++n, toView(r, !!restricted), names, restricted)).commit();
      }
      if (rows.length <= EXPORT_PAGE) break;
      cursor = encodeCursor(keyOf(page[page.length - 1]));
      await pace();
    }
    sheet.commit();
    await this.audit.record({
      // On the chain of the committee whose files went out (the caller's widest reach without a filter),
      // which its board and the boards above read.
      committeeId: filter.committee?.id ?? [...actor.assignments].sort((a, b) => a.pre - b.pre)[0].committeeId,
      entityType: 'CadreExport',
      entityId: randomUUID(),
      action: 'export',
      changes: { after: { filter: { ...query }, rows: n, restrictedRows: shown } },
    });
    return n;
  }
}
