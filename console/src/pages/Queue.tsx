import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Statistic, Table, Tag, Typography } from 'antd';
import { describeError, request } from '../api';
import { graphql } from '../gql';
import type { MyQueueQuery } from '../gql/graphql';
import { navigate, useIsNarrow, useLoad } from '../hooks';
import { formatTime, LEVEL_LABELS, PRIORITY_LABELS, STATUS_COLORS, STATUS_LABELS } from '../terms';

const MY_QUEUE = graphql(`
  query MyQueue {
    myQueue(first: 100) {
      id
      number
      title
      status
      level
      priority
      overdue
      categoryName
      acceptDueAt
      resolveDueAt
      handlerDueAt
      createdAt
      unit {
        id
        name
      }
    }
  }
`);

type QueueTicket = MyQueueQuery['myQueue'][number];

/** The deadline that matters now: accept by while reported, else the handler's or the resolve deadline. */
export function deadlineOf(ticket: Pick<QueueTicket, 'status' | 'acceptDueAt' | 'resolveDueAt' | 'handlerDueAt'>): string | null | undefined {
  if (ticket.status === 'REPORTED') return ticket.acceptDueAt;
  return ticket.handlerDueAt ?? ticket.resolveDueAt;
}

const REFRESH_MS = 30_000;

export function Queue() {
  const narrow = useIsNarrow();
  const queue = useLoad(() => request(MY_QUEUE).then((data) => data.myQueue), 'queue', REFRESH_MS);
  const tickets = queue.data ?? [];
  const counts = new Map<string, number>();
  for (const ticket of tickets) counts.set(ticket.status, (counts.get(ticket.status) ?? 0) + 1);
  const overdue = tickets.filter((ticket) => ticket.overdue).length;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap size={narrow ? 'middle' : 'large'} data-testid="queue-counts">
          <Statistic title="待办总数" value={tickets.length} />
          <Statistic title="超期" value={overdue} valueStyle={{ color: overdue > 0 ? '#cf1322' : undefined }} />
          {[...counts.entries()].map(([status, count]) => (
            <Statistic key={status} title={STATUS_LABELS[status] ?? status} value={count} />
          ))}
        </Space>
      </Card>
      {queue.error !== undefined && <Alert type="error" message={describeError(queue.error)} />}
      <Card
        size="small"
        title={<Typography.Text strong>我的待办</Typography.Text>}
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={queue.reload} loading={queue.loading}>
            刷新
          </Button>
        }
      >
        <Table<QueueTicket>
          rowKey="id"
          size="small"
          dataSource={tickets}
          loading={queue.loading && !queue.data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: narrow ? 640 : undefined }}
          onRow={(ticket) => ({ onClick: () => navigate('tickets', ticket.id), style: { cursor: 'pointer' }, 'data-testid': `queue-row-${ticket.number}` }) as React.HTMLAttributes<HTMLElement>}
          rowClassName={(ticket) => (ticket.overdue ? 'row-overdue' : '')}
          locale={{ emptyText: '暂无待办' }}
          columns={[
            { title: '工单号', dataIndex: 'number', width: 150 },
            { title: '标题', dataIndex: 'title', ellipsis: true },
            { title: '状态', dataIndex: 'status', width: 90, render: (status: string) => <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status] ?? status}</Tag> },
            { title: '层级', dataIndex: 'level', width: 70, render: (level: string) => LEVEL_LABELS[level] ?? level, responsive: ['md'] },
            { title: '类别', dataIndex: 'categoryName', width: 100, responsive: ['lg'] },
            { title: '责任单位', render: (_: unknown, ticket) => ticket.unit.name, width: 140, responsive: ['md'] },
            { title: '优先级', dataIndex: 'priority', width: 70, render: (priority: string) => PRIORITY_LABELS[priority] ?? priority, responsive: ['lg'] },
            {
              title: '时限',
              width: 170,
              render: (_: unknown, ticket) => (
                <Typography.Text type={ticket.overdue ? 'danger' : undefined} strong={ticket.overdue} data-testid={ticket.overdue ? 'deadline-overdue' : undefined}>
                  {formatTime(deadlineOf(ticket))}
                  {ticket.overdue ? '（超期）' : ''}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Typography.Text type="secondary">每 {REFRESH_MS / 1000} 秒自动刷新</Typography.Text>
    </Space>
  );
}
