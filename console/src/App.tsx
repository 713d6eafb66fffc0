import {
  AlertOutlined,
  ApartmentOutlined,
  BarChartOutlined,
  BellOutlined,
  FormOutlined,
  LogoutOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Alert, Badge, Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { describeError, getSession, onSessionChange, request, setSession, type Session } from './api';
import { graphql } from './gql';
import { navigate, useIsNarrow, useLoad, useRoute } from './hooks';
import { Login } from './pages/Login';
import { Notifications } from './pages/Notifications';
import { OrgTree } from './pages/OrgTree';
import { Queue } from './pages/Queue';
import { ReportForm } from './pages/ReportForm';
import { TicketDetail } from './pages/TicketDetail';
import { VIEWER, ViewerContext, type Viewer } from './viewer';

// ECharts loads with the dashboard only
const Dashboard = lazy(() => import('./pages/Dashboard').then((module) => ({ default: module.Dashboard })));

const UNREAD = graphql(`
  query UnreadCount {
    me {
      member {
        id
        unreadNotificationCount
      }
    }
  }
`);

const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

export function App() {
  const [session, setCurrent] = useState<Session | null>(getSession());
  const [reason, setReason] = useState<string | undefined>();
  useEffect(
    () =>
      onSessionChange((next, why) => {
        setCurrent(next);
        setReason(why);
      }),
    [],
  );
  // a clean re-login when the token runs out, before a request fails on it
  useEffect(() => {
    if (!session) return undefined;
    const left = Date.parse(session.expiresAt) - Date.now();
    const timer = window.setTimeout(() => setSession(null, '登录已过期，请重新登录'), Math.max(0, Math.min(left, 2 ** 31 - 1)));
    return () => window.clearTimeout(timer);
  }, [session]);
  if (!session) return <Login notice={reason} />;
  return <SignedIn key={session.token} />;
}

function SignedIn() {
  const viewer = useLoad(() => request(VIEWER).then((data) => data.me), 'viewer');
  if (viewer.error) return <Result status="error" title="无法加载当前用户" subTitle={describeError(viewer.error)} extra={<Button onClick={() => setSession(null)}>重新登录</Button>} />;
  if (!viewer.data) return <Spin fullscreen tip="加载中…" />;
  return (
    <ViewerContext.Provider value={viewer.data}>
      <Shell viewer={viewer.data} />
    </ViewerContext.Provider>
  );
}

const MENU = [
  { key: 'queue', icon: <UnorderedListOutlined />, label: '待办' },
  { key: 'report', icon: <FormOutlined />, label: '工单登记' },
  { key: 'org', icon: <ApartmentOutlined />, label: '组织机构' },
  { key: 'dashboard', icon: <BarChartOutlined />, label: '数据看板' },
  { key: 'notifications', icon: <BellOutlined />, label: '通知' },
];

function Shell({ viewer }: { viewer: Viewer }) {
  const route = useRoute();
  const narrow = useIsNarrow();
  const unread = useLoad(() => request(UNREAD).then((data) => data.me.member?.unreadNotificationCount ?? 0), 'unread', 30_000);
  const [page, id] = route;
  const selected = page === 'tickets' ? 'queue' : (page ?? 'queue');
  const name = viewer.member?.name ?? (viewer.kind === 'ADMIN' ? '管理员' : viewer.id);

  const signOut = async () => {
    try {
      if (viewer.kind === 'MEMBER') await request(SIGN_OUT);
    } finally {
      setSession(null, '已退出登录');
    }
  };

  let content;
  switch (page) {
    case 'tickets':
      content = id ? <TicketDetail id={id} /> : <Queue />;
      break;
    case 'report':
      content = <ReportForm />;
      break;
    case 'org':
      content = <OrgTree />;
      break;
    case 'dashboard':
      content = (
        <Suspense fallback={<Spin />}>
          <Dashboard />
        </Suspense>
      );
      break;
    case 'notifications':
      content = <Notifications onRead={unread.reload} />;
      break;
    default:
      content = <Queue />;
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, padding: narrow ? '0 8px' : '0 24px' }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap', fontSize: narrow ? 14 : 18 }}>
          <AlertOutlined /> 村民大管家{narrow ? '' : ' · 管理平台'}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          items={MENU.map((item) => ({
            ...item,
            label:
              item.key === 'notifications' ? (
                <Badge count={unread.data ?? 0} size="small" offset={[8, 0]} data-testid="unread-badge">
                  <span style={{ color: 'rgba(255, 255, 255, 0.85)' }}>{item.label}</span>
                </Badge>
              ) : (
                item.label
              ),
          }))}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          {!narrow && <Typography.Text style={{ color: '#fff' }} data-testid="viewer-name">{name}</Typography.Text>}
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void signOut()}>
            {narrow ? '' : '退出'}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? 8 : 24 }}>
        {viewer.kind === 'MEMBER' && !viewer.member && <Alert type="warning" message="未找到您的人员信息" />}
        {content}
      </Layout.Content>
    </Layout>
  );
}
