import { ArrowLeftOutlined, FileOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Image, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, describeError, evidenceUrl, request } from '../api';
import { graphql } from '../gql';
import type { TicketDetailQuery } from '../gql/graphql';
import { navigate, useIsNarrow, useLoad } from '../hooks';
import { ACTION_LABELS, CHANNEL_LABELS, formatTime, LEVEL_LABELS, PRIORITY_LABELS, SATISFACTION_LABELS, STATUS_COLORS, STATUS_LABELS } from '../terms';
import { ActionDialog } from './TicketActions';

const TICKET_DETAIL = graphql(`
  query TicketDetail($id: ID!) {
    ticket(id: $id) {
      id
      number
      title
      description
      category
      categoryName
      channel
      priority
      status
      level
      overdue
      version
      allowedActions
      acceptDueAt
      resolveDueAt
      handlerDueAt
      acceptedAt
      resolution
      resolvedAt
      closedAt
      createdAt
      escalationCount
      reopenCount
      supervisionCount
      overdueCount
      location {
        address
        geo {
          lat
          lng
        }
        unit {
          id
          name
        }
      }
      reporter {
        name
        phone
        anonymous
      }
      unit {
        id
        name
        level
      }
      handler {
        id
        name
      }
      handlerUnit {
        id
        name
      }
      feedback {
        satisfaction
        comment
        at
      }
      timeline(last: 50) {
        at
        action
        from
        to
        note
        level
        automatic
        satisfaction
        actor {
          id
          name
        }
        unit {
          id
          name
        }
        handler {
          id
          name
        }
        evidence {
          id
          fileName
          contentType
          downloadPath
        }
      }
    }
  }
`);

export type DetailTicket = NonNullable<TicketDetailQuery['ticket']>;
type Evidence = DetailTicket['timeline'][number]['evidence'][number];

function EvidenceThumb({ evidence }: { evidence: Evidence }) {
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);
  const isImage = evidence.contentType.startsWith('image/');
  useEffect(() => {
    let objectUrl: string | undefined;
    let live = true;
    evidenceUrl(evidence.downloadPath).then(
      (created) => {
        objectUrl = created;
        if (live) setUrl(created);
        else URL.revokeObjectURL(created);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [evidence.downloadPath]);
  if (failed) return <Tag color="red">{evidence.fileName}（无法加载）</Tag>;
  if (!url) return <Spin size="small" />;
  if (isImage) return <Image src={url} alt={evidence.fileName} className="evidence-thumb" width={96} height={96} data-testid="evidence-thumb" />;
  return (
    <a href={url} download={evidence.fileName}>
      <FileOutlined /> {evidence.fileName}
    </a>
  );
}

export function TicketDetail({ id }: { id: string }) {
  const narrow = useIsNarrow();
  const loaded = useLoad(() => request(TICKET_DETAIL, { id }).then((data) => data.ticket), `ticket:${id}`);
  const [action, setAction] = useState<string>();
  const ticket = loaded.data;

  // out of scope and unknown look alike: the API does not say which
  const hidden = loaded.error instanceof ApiError && (loaded.error.code === 'FORBIDDEN' || loaded.error.code === 'NOT_FOUND');
  if (loaded.error !== undefined && !ticket && !hidden) return <Alert type="error" message={describeError(loaded.error)} />;
  if (!ticket) {
    if (loaded.loading && !hidden) return <Spin />;
    return <Empty description="工单不存在或不在您的管辖范围内" />;
  }
  const deadline = ticket.status === 'REPORTED' ? ticket.acceptDueAt : (ticket.handlerDueAt ?? ticket.resolveDueAt);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('queue')}>
          返回待办
        </Button>
        <Button icon={<ReloadOutlined />} onClick={loaded.reload} loading={loaded.loading} data-testid="ticket-refresh">
          刷新
        </Button>
      </Space>
      <Card
        title={
          <Space wrap>
            <Typography.Text strong data-testid="ticket-title">
              {ticket.title}
            </Typography.Text>
            <Tag color={STATUS_COLORS[ticket.status]} data-testid="ticket-status">
              {STATUS_LABELS[ticket.status] ?? ticket.status}
            </Tag>
            <Tag data-testid="ticket-level">{LEVEL_LABELS[ticket.level] ?? ticket.level}</Tag>
            {ticket.overdue && <Tag color="red">超期</Tag>}
          </Space>
        }
        extra={<Typography.Text type="secondary">{ticket.number}</Typography.Text>}
      >
        <Descriptions size="small" column={narrow ? 1 : 2} bordered>
          <Descriptions.Item label="类别">{ticket.categoryName ?? ticket.category}</Descriptions.Item>
          <Descriptions.Item label="来源">{CHANNEL_LABELS[ticket.channel] ?? ticket.channel}</Descriptions.Item>
          <Descriptions.Item label="优先级">{PRIORITY_LABELS[ticket.priority] ?? ticket.priority}</Descriptions.Item>
          <Descriptions.Item label="责任单位">
            <span data-testid="ticket-unit">{ticket.unit.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label="问题地点">
            {ticket.location.unit.name}
            {ticket.location.address ? ` · ${ticket.location.address}` : ''}
            {ticket.location.geo ? `（${ticket.location.geo.lat.toFixed(5)}, ${ticket.location.geo.lng.toFixed(5)}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="反映人">
            <span data-testid="ticket-reporter">
              {ticket.reporter ? (ticket.reporter.anonymous ? '匿名' : `${ticket.reporter.name ?? '—'} ${ticket.reporter.phone ?? ''}`) : '—'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="处置人">
            {ticket.handler ? `${ticket.handler.name}${ticket.handlerUnit ? `（${ticket.handlerUnit.name}）` : ''}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="当前时限">
            <Typography.Text type={ticket.overdue ? 'danger' : undefined}>{formatTime(deadline)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="登记时间">{formatTime(ticket.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="上报/重办/督办">
            {ticket.escalationCount} / {ticket.reopenCount} / {ticket.supervisionCount}
          </Descriptions.Item>
          {ticket.resolution && <Descriptions.Item label="办理结果">{ticket.resolution}</Descriptions.Item>}
          {ticket.feedback && (
            <Descriptions.Item label="回访">
              {SATISFACTION_LABELS[ticket.feedback.satisfaction]}
              {ticket.feedback.comment ? `：${ticket.feedback.comment}` : ''}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="描述" span={narrow ? 1 : 2}>
            {ticket.description || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="可执行操作">
        {ticket.allowedActions.length === 0 ? (
          <Typography.Text type="secondary" data-testid="no-actions">
            当前状态下您没有可执行的操作
          </Typography.Text>
        ) : (
          <Space wrap data-testid="ticket-actions">
            {ticket.allowedActions.map((name) => (
              <Button key={name} type={name === ticket.allowedActions[0] ? 'primary' : 'default'} onClick={() => setAction(name)} data-testid={`action-${name}`}>
                {ACTION_LABELS[name] ?? name}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title="处理记录">
        <Timeline
          data-testid="ticket-timeline"
          items={ticket.timeline.map((entry) => ({
            color: entry.action === 'escalate' || entry.action === 'overdue' ? 'red' : entry.to === 'CLOSED' ? 'gray' : 'blue',
            children: (
              <Space direction="vertical" size={2}>
                <Typography.Text>
                  <Typography.Text strong>{ACTION_LABELS[entry.action] ?? entry.action}</Typography.Text>
                  {' · '}
                  {formatTime(entry.at)} · {entry.automatic ? '系统' : (entry.actor?.name ?? '—')}
                  {entry.level ? ` · ${LEVEL_LABELS[entry.level]}` : ''}
                  {entry.unit ? ` · ${entry.unit.name}` : ''}
                  {entry.handler ? ` → ${entry.handler.name}` : ''}
                </Typography.Text>
                {entry.note && <Typography.Text type="secondary">{entry.note}</Typography.Text>}
                {entry.satisfaction && <Typography.Text type="secondary">{SATISFACTION_LABELS[entry.satisfaction]}</Typography.Text>}
                {entry.evidence.length > 0 && (
                  <Image.PreviewGroup>
                    <Space wrap>
                      {entry.evidence.map((evidence) => (
                        <EvidenceThumb key={evidence.id} evidence={evidence} />
                      ))}
                    </Space>
                  </Image.PreviewGroup>
                )}
              </Space>
            ),
          }))}
        />
      </Card>
      {action && (
        <ActionDialog
          action={action}
          ticket={ticket}
          onClose={() => setAction(undefined)}
          onDone={() => {
            setAction(undefined);
            loaded.reload();
          }}
        />
      )}
    </Space>
  );
}
