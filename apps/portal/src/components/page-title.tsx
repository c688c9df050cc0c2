import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** A page's one heading (h1, sized for the admin layout), so every page has the same landmark for readers and tests. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={1} style={{ fontSize: 22 }}>
      {children}
    </Typography.Title>
  );
}
