/** A committee's place in the tree: its pre-order number and its subtree's last. */
export interface Place {
  id: string;
  pre: number;
  lastPre: number;
}

/**
 * Who manages the file during the rotation (QĐ 65 Art. 6: the receiving body manages and evaluates the
 * rotated cadre): the destination, unless the file is managed by a level above the origin that is also
 * above the destination (a cadre "diện cấp trên quản lý" stays that level's, wherever it works).
 */
export function managingDuringRotation(managing: Place, origin: Place, destination: Place): string {
  const strictlyAbove = (upper: Place, lower: Place) => upper.id !== lower.id && upper.pre <= lower.pre && lower.pre <= upper.lastPre;
  return strictlyAbove(managing, origin) && strictlyAbove(managing, destination) ? managing.id : destination.id;
}
