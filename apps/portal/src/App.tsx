import { Fragment, lazy, Suspense } from 'react';
import { Authenticated, Refine } from '@refinedev/core';
import routerProvider, { CatchAllNavigate } from '@refinedev/react-router';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router';
import { ConfigProvider, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { dataProvider } from './providers/data-provider';
import { authProvider } from './providers/auth-provider';
import { accessControlProvider } from './providers/access-control';
import { i18nProvider } from './i18n';
import { LoginPage } from './pages/login';
import { FEATURES } from './features';

// Everything behind the login is loaded on demand, so the login page carries only what it needs.
const AppLayout = lazy(() => import('./pages/layout'));
const Home = lazy(() => import('./pages/home'));

/** Ant Design's secondary greys and link blue are below WCAG AA contrast on white; these reach 4.5:1. */
const THEME = {
  token: {
    colorPrimary: '#b71c1c',
    colorLink: '#0050b3',
    colorLinkHover: '#003a8c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    // Form errors and danger texts: Ant Design's #ff4d4f is 3.3:1 on white; this is 5:1.
    colorError: '#cf1322',
  },
};

const loading = (
  <div style={{ display: 'grid', placeItems: 'center', minHeight: '50vh' }}>
    <Spin />
  </div>
);

export function App() {
  const { t, i18n } = useTranslation();
  return (
    <BrowserRouter>
      <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={THEME}>
        <Refine
          routerProvider={routerProvider}
          dataProvider={dataProvider}
          authProvider={authProvider}
          accessControlProvider={accessControlProvider}
          i18nProvider={i18nProvider}
          resources={FEATURES.flatMap((f) => f.resources(t))}
          options={{ disableTelemetry: true, syncWithLocation: false, warnWhenUnsavedChanges: true }}
        >
          <Suspense fallback={loading}>
            <Routes>
              <Route
                element={
                  <Authenticated key="app" fallback={<CatchAllNavigate to="/login" />} loading={loading}>
                    <AppLayout>
                      <Outlet />
                    </AppLayout>
                  </Authenticated>
                }
              >
                <Route index element={<Home />} />
                {FEATURES.map((f, i) => (
                  <Fragment key={i}>{f.routes}</Fragment>
                ))}
              </Route>
              <Route
                element={
                  <Authenticated key="login" fallback={<Outlet />} loading={loading}>
                    <Navigate to="/" replace />
                  </Authenticated>
                }
              >
                <Route path="/login" element={<LoginPage />} />
              </Route>
              <Route path="*" element={<CatchAllNavigate to="/login" />} />
            </Routes>
          </Suspense>
        </Refine>
      </ConfigProvider>
    </BrowserRouter>
  );
}
