import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { describeError, request } from '../api';
import { graphql } from '../gql';
import { useLoad } from '../hooks';
import { formatTime } from '../terms';

const INBOX = graphql(`
  query Inbox {
    myNotifications(first: 50) {
      totalCount
      edges {
        node {
          id
          text
          ticketId
          ticketNumber
          occurredAt
          readAt
        }
      }
    }
  }
`);

const MARK_READ = graphql(`
  mutation MarkRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids) {
      id
      readAt
    }
  }
`);

export function Notifications({ onRead }: { onRead: () => void }) {
  const { message } = App.useApp();
  const inbox = useLoad(() => request(INBOX).then((data) => data.myNotifications), 'inbox', 30_000);
  const messages = (inbox.data?.edges ?? []).map((edge) => edge.node);
  const unread = messages.filter((item) => !item.readAt).map((item) => item.id);
  const markRead = async (ids: string[]) => {
    try {
      await request(MARK_READ, { ids });
      inbox.reload();
      onRead();
    } catch (failure) {
      message.error(describeError(failure));
    }
  };
  return (
    <Card
      title={`通知（共 ${inbox.data?.totalCount ?? 0} 条）`}
      extra={
        <Button size="small" disabled={unread.length === 0} onClick={() => void markRead(unread)}>
          全部标为已读
        </Button>
      }
    >
      {inbox.error !== undefined && <Alert type="error" message={describeError(inbox.error)} />}
      <List
        loading={inbox.loading && !inbox.data}
        dataSource={messages}
        locale={{ emptyText: '暂无通知' }}
        renderItem={(item) => (
          <List.Item
            actions={[
              item.ticketId ? (
                <a key="open" href={`#/tickets/${item.ticketId}`} onClick={() => !item.readAt && void markRead([item.id])}>
                  查看工单
                </a>
              ) : null,
            ]}
          >
            <Space direction="vertical" size={0}>
              <Typography.Text strong={!item.readAt}>
                {!item.readAt && <Tag color="red">未读</Tag>}
                {item.text}
              </Typography.Text>
              <Typography.Text type="secondary">{formatTime(item.occurredAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
