import { Alert, App, Button, Card, Checkbox, Col, Form, Input, List, Row, Select, Tag, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { describeError, request } from '../api';
import { graphql } from '../gql';
import type { TicketChannel, TicketPriority } from '../gql/graphql';
import { navigate, useLoad } from '../hooks';
import { toTree, useMyUnits } from '../org-units';
import { CHANNEL_LABELS, formatTime, PRIORITY_LABELS, STATUS_COLORS, STATUS_LABELS } from '../terms';

const CATEGORIES = graphql(`
  query TicketCategories {
    ticketCategories {
      code
      name
      active
      examples
    }
  }
`);

const REPORT = graphql(`
  mutation ReportTicket($input: ReportTicketInput!) {
    reportTicket(input: $input) {
      id
      number
    }
  }
`);

const SIMILAR = graphql(`
  query SimilarTickets($within: ID!, $category: String!) {
    tickets(filter: { within: $within, category: $category }, first: 10) {
      edges {
        node {
          id
          number
          title
          status
          address
          createdAt
        }
      }
    }
  }
`);

interface ReportValues {
  title: string;
  description?: string;
  category: string;
  channel: TicketChannel;
  priority: TicketPriority;
  unitId: string;
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
  anonymous?: boolean;
}

const OPEN = new Set(['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED']);

/** Open tickets of the same category in the same unit: the API offers no duplicate search, this is the closest it answers. */
function SimilarTickets({ unitId, category }: { unitId: string; category: string }) {
  const similar = useLoad(() => request(SIMILAR, { within: unitId, category }), `similar:${unitId}:${category}`);
  const open = (similar.data?.tickets.edges ?? []).map((edge) => edge.node).filter((ticket) => OPEN.has(ticket.status));
  if (open.length === 0) return null;
  return (
    <Card size="small" title="可能重复的在办工单（同单位、同类别）" style={{ marginBottom: 16 }} data-testid="similar-tickets">
      <List
        size="small"
        dataSource={open}
        renderItem={(ticket) => (
          <List.Item actions={[<a key="open" href={`#/tickets/${ticket.id}`}>查看</a>]}>
            <Tag color={STATUS_COLORS[ticket.status]}>{STATUS_LABELS[ticket.status]}</Tag>
            {ticket.number} {ticket.title} {ticket.address ? `· ${ticket.address}` : ''} · {formatTime(ticket.createdAt)}
          </List.Item>
        )}
      />
    </Card>
  );
}

export function ReportForm() {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportValues>();
  const categories = useLoad(() => request(CATEGORIES).then((data) => data.ticketCategories.filter((category) => category.active)), 'categories');
  const units = useMyUnits();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const unitId = Form.useWatch('unitId', form);
  const category = Form.useWatch('category', form);
  const anonymous = Form.useWatch('anonymous', form);

  const submit = async (values: ReportValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const reporter = values.anonymous
        ? { anonymous: true }
        : values.reporterName || values.reporterPhone
          ? { name: values.reporterName?.trim() || undefined, phone: values.reporterPhone?.trim() || undefined }
          : undefined;
      const { reportTicket } = await request(REPORT, {
        input: {
          title: values.title.trim(),
          description: values.description?.trim() || undefined,
          category: values.category,
          channel: values.channel,
          priority: values.priority,
          unitId: values.unitId,
          address: values.address?.trim() || undefined,
          reporter,
        },
      });
      message.success(`已登记工单 ${reportTicket.number}`);
      navigate('tickets', reportTicket.id);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="工单登记（代来电群众上报）">
      {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} data-testid="report-error" />}
      {unitId && category && <SimilarTickets unitId={unitId} category={category} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={{ channel: 'HOTLINE', priority: 'NORMAL' }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
              <Input maxLength={200} id="report-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={categories.loading}
                options={(categories.data ?? []).map((item) => ({ value: item.code, label: item.name }))}
                data-testid="report-category"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label="问题所在单位" rules={[{ required: true, message: '请选择单位' }]}>
              <TreeSelect
                showSearch
                treeNodeFilterProp="title"
                treeDefaultExpandAll
                loading={units.loading}
                treeData={toTree(units.data ?? [])}
                placeholder="选择网格或村"
                data-testid="report-unit"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label="地址">
              <Input maxLength={200} id="report-address" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="channel" label="来源">
              <Select options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="priority" label="优先级">
              <Select options={Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label="问题描述">
              <Input.TextArea rows={3} maxLength={4000} id="report-description" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>来电人</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox>匿名反映</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name="reporterName" label="姓名">
              <Input disabled={anonymous} maxLength={50} id="report-reporter-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={9}>
            <Form.Item name="reporterPhone" label="电话" rules={[{ pattern: /^1\d{10}$/, message: '11 位手机号' }]}>
              <Input disabled={anonymous} inputMode="tel" id="report-reporter-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">
          登记
        </Button>
      </Form>
    </Card>
  );
}
