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
// Straight from its file: the components' index would bring the list table into the login page's JavaScript.
import { RouteAccess } from './components/route-access';

// Everything behind the login is loaded on demand, so the login page carries only what it needs.
const AppLayout = lazy(() => import('./pages/layout'));
const Home = lazy(() => import('./pages/home'));

/** Ant Design's secondary greys, link blue and error red are below WCAG AA contrast on white; these reach 4.5:1. */
const THEME = {
  token: {
    colorPrimary: '#b71c1c',
    // Form errors and danger buttons are red text on white: antd's #ff4d4f is 3.3:1, this one 5.6:1.
    colorError: '#cf1322',
    colorLink: '#0050b3',
    colorLinkHover: '#003a8c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
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
                      <RouteAccess>
                        <Outlet />
                      </RouteAccess>
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
