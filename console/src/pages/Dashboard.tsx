import { Alert, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Tag, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { describeError, request } from '../api';
import { Chart, type ChartOption } from '../Chart';
import { graphql } from '../gql';
import type { OrgLevel } from '../gql/graphql';
import { useLoad } from '../hooks';
import { toTree, useMyUnits } from '../org-units';
import { CHILD_LEVEL, formatTime, HOUSEHOLD_TAG_LABELS, percent } from '../terms';

const UNIT_FIGURES = graphql(`
  query UnitFigures($id: ID!, $from: DateTime!, $to: DateTime!) {
    ticketStats(within: $id, from: $from, to: $to) {
      received
      accepted
      resolved
      closed
      overdue
      feedbacks
      satisfied
      completionRate
      onTimeRate
      satisfactionRate
    }
  }
`);

const TREND = graphql(`
  query Trend($id: ID!, $f0: DateTime!, $t0: DateTime!, $f1: DateTime!, $t1: DateTime!, $f2: DateTime!, $t2: DateTime!, $f3: DateTime!, $t3: DateTime!, $f4: DateTime!, $t4: DateTime!, $f5: DateTime!, $t5: DateTime!) {
    m0: ticketStats(within: $id, from: $f0, to: $t0) { received resolved overdue }
    m1: ticketStats(within: $id, from: $f1, to: $t1) { received resolved overdue }
    m2: ticketStats(within: $id, from: $f2, to: $t2) { received resolved overdue }
    m3: ticketStats(within: $id, from: $f3, to: $t3) { received resolved overdue }
    m4: ticketStats(within: $id, from: $f4, to: $t4) { received resolved overdue }
    m5: ticketStats(within: $id, from: $f5, to: $t5) { received resolved overdue }
  }
`);

const RANKING = graphql(`
  query Ranking($id: ID!, $level: OrgLevel!, $key: String!) {
    ranking(parentId: $id, level: $level, period: { kind: MONTH, key: $key }, first: 20) {
      edges {
        node {
          subjectId
          rank
          score
          received
          resolved
          completionRate
          onTimeRate
          satisfactionRate
          unit {
            name
          }
        }
      }
    }
  }
`);

const COMPLIANCE = graphql(`
  query Compliance($id: ID!) {
    weeklyCompliance(within: $id, first: 100) {
      week
      compliant
      member {
        id
        name
      }
    }
  }
`);

const GRID_COVERAGE = graphql(`
  query GridCoverage($id: ID!, $from: DateTime!, $to: DateTime!) {
    householdCoverage(gridId: $id, from: $from, to: $to) {
      households
      visitedHouseholds
      coverageRate
      completedVisits
    }
    unvisitedHouseholds(gridId: $id, tags: ["POOR", "ELDERLY_ALONE"], first: 20) {
      tags
      lastVisitedAt
      priority
      household {
        id
        head
        address
      }
    }
  }
`);

type Months = { from: string; to: string; label: string }[];

function lastMonths(month: Dayjs, count: number): Months {
  return Array.from({ length: count }, (_, index) => {
    const start = month.subtract(count - 1 - index, 'month').startOf('month');
    return { from: start.toISOString(), to: start.add(1, 'month').toISOString(), label: start.format('YYYY-MM') };
  });
}

function Figures({ id, month }: { id: string; month: Dayjs }) {
  const from = month.startOf('month').toISOString();
  const to = month.startOf('month').add(1, 'month').toISOString();
  const figures = useLoad(() => request(UNIT_FIGURES, { id, from, to }).then((data) => data.ticketStats), `figures:${id}:${from}`, 60_000);
  if (figures.error !== undefined) return <Alert type="error" message={describeError(figures.error)} data-testid="figures-error" />;
  const stats = figures.data;
  return (
    <Card size="small" title={`工单统计 · ${month.format('YYYY年M月')}`} loading={!stats}>
      {stats && (
        <Row gutter={[16, 16]} data-testid="ticket-stats">
          <Col xs={12} md={4}>
            <Statistic title="受理量" value={stats.received} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="办结量" value={stats.resolved} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="办结率" value={percent(stats.completionRate)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="按时办结率" value={percent(stats.onTimeRate)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="满意率" value={percent(stats.satisfactionRate)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title="超期" value={stats.overdue} valueStyle={{ color: stats.overdue > 0 ? '#cf1322' : undefined }} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

function Trend({ id, month }: { id: string; month: Dayjs }) {
  const months = useMemo(() => lastMonths(month, 6), [month]);
  const trend = useLoad(
    () =>
      request(TREND, {
        id,
        f0: months[0].from, t0: months[0].to, f1: months[1].from, t1: months[1].to, f2: months[2].from, t2: months[2].to,
        f3: months[3].from, t3: months[3].to, f4: months[4].from, t4: months[4].to, f5: months[5].from, t5: months[5].to,
      }),
    `trend:${id}:${months[5].label}`,
  );
  const option = useMemo<ChartOption | undefined>(() => {
    if (!trend.data) return undefined;
    const series = [trend.data.m0, trend.data.m1, trend.data.m2, trend.data.m3, trend.data.m4, trend.data.m5];
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['受理', '办结', '超期'] },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: months.map((item) => item.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '受理', type: 'bar', data: series.map((item) => item.received) },
        { name: '办结', type: 'line', data: series.map((item) => item.resolved) },
        { name: '超期', type: 'line', data: series.map((item) => item.overdue), itemStyle: { color: '#cf1322' } },
      ],
    };
  }, [trend.data, months]);
  return (
    <Card size="small" title="近六个月趋势">
      {trend.error !== undefined ? <Alert type="error" message={describeError(trend.error)} /> : option ? <Chart option={option} testId="trend-chart" /> : <Empty />}
    </Card>
  );
}

function Ranking({ id, level, month }: { id: string; level: string; month: Dayjs }) {
  const childLevel = CHILD_LEVEL[level];
  const key = month.format('YYYY-MM');
  const ranking = useLoad(
    () => (childLevel ? request(RANKING, { id, level: childLevel as OrgLevel, key }).then((data) => data.ranking.edges.map((edge) => edge.node)) : Promise.resolve([])),
    `ranking:${id}:${key}`,
  );
  if (!childLevel) return null;
  return (
    <Card size="small" title={`下级单位排名 · ${key}`}>
      {ranking.error !== undefined && <Alert type="error" message={describeError(ranking.error)} />}
      <Table
        rowKey="subjectId"
        size="small"
        pagination={false}
        loading={ranking.loading && !ranking.data}
        dataSource={ranking.data ?? []}
        scroll={{ x: 560 }}
        locale={{ emptyText: '本期暂无数据' }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          { title: '单位', render: (_: unknown, row) => row.unit?.name ?? row.subjectId },
          { title: '得分', dataIndex: 'score', render: (score: number | null) => (score === null ? '—' : score.toFixed(1)) },
          { title: '受理', dataIndex: 'received' },
          { title: '办结率', dataIndex: 'completionRate', render: percent },
          { title: '按时率', dataIndex: 'onTimeRate', render: percent },
          { title: '满意率', dataIndex: 'satisfactionRate', render: percent },
        ]}
      />
    </Card>
  );
}

function Compliance({ id }: { id: string }) {
  const compliance = useLoad(() => request(COMPLIANCE, { id }).then((data) => data.weeklyCompliance), `compliance:${id}`);
  const rows = compliance.data ?? [];
  const compliant = rows.filter((row) => row.compliant).length;
  return (
    <Card size="small" title={`网格员履职（周）${rows[0] ? ` · ${rows[0].week}` : ''}`}>
      {compliance.error !== undefined && <Alert type="error" message={describeError(compliance.error)} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Statistic title="履职达标率" value={rows.length ? percent(compliant / rows.length) : '—'} suffix={rows.length ? `（${compliant}/${rows.length}）` : ''} />
        <Space wrap>
          {rows.map((row) => (
            <Tag key={`${row.member.id}:${row.week}`} color={row.compliant ? 'green' : 'red'}>
              {row.member.name}
            </Tag>
          ))}
        </Space>
      </Space>
    </Card>
  );
}

function GridCoverage({ id, month }: { id: string; month: Dayjs }) {
  const from = month.startOf('month').toISOString();
  const to = month.startOf('month').add(1, 'month').toISOString();
  const coverage = useLoad(() => request(GRID_COVERAGE, { id, from, to }), `coverage:${id}:${from}`);
  const data = coverage.data;
  return (
    <Card size="small" title="走访覆盖与重点户">
      {coverage.error !== undefined && <Alert type="error" message={describeError(coverage.error)} />}
      {data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap size="large">
            <Statistic title="户数" value={data.householdCoverage.households} />
            <Statistic title="已走访户" value={data.householdCoverage.visitedHouseholds} />
            <Statistic title="覆盖率" value={percent(data.householdCoverage.coverageRate)} />
            <Statistic title="完成走访" value={data.householdCoverage.completedVisits} />
          </Space>
          <Typography.Text strong>未走访的贫困户、独居老人</Typography.Text>
          <Table
            rowKey={(row) => row.household.id}
            size="small"
            pagination={false}
            dataSource={data.unvisitedHouseholds}
            locale={{ emptyText: '均已走访' }}
            columns={[
              { title: '户主', render: (_: unknown, row) => row.household.head },
              { title: '地址', render: (_: unknown, row) => row.household.address },
              { title: '标签', dataIndex: 'tags', render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{HOUSEHOLD_TAG_LABELS[tag] ?? tag}</Tag>) },
              { title: '上次走访', dataIndex: 'lastVisitedAt', render: (at: string | null) => formatTime(at) },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

export function Dashboard() {
  const units = useMyUnits();
  const [selected, setSelected] = useState<string>();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const tree = toTree(units.data ?? []);
  const unitId = selected ?? tree[0]?.value;
  const unit = units.data?.find((item) => item.id === unitId);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap>
          <TreeSelect
            style={{ minWidth: 240 }}
            value={unitId}
            treeData={tree}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            onChange={(value: string) => setSelected(value)}
            loading={units.loading}
            data-testid="dashboard-unit"
          />
          <DatePicker picker="month" value={month} allowClear={false} onChange={(value) => value && setMonth(value.startOf('month'))} />
        </Space>
      </Card>
      {units.error !== undefined && <Alert type="error" message={describeError(units.error)} />}
      {unitId && unit ? (
        <>
          <Figures id={unitId} month={month} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Trend id={unitId} month={month} />
            </Col>
            <Col xs={24} lg={12}>
              <Ranking id={unitId} level={unit.level} month={month} />
            </Col>
            <Col xs={24} lg={12}>
              <Compliance id={unitId} />
            </Col>
            {unit.level === 'GRID' && (
              <Col xs={24} lg={12}>
                <GridCoverage id={unitId} month={month} />
              </Col>
            )}
          </Row>
        </>
      ) : (
        !units.loading && <Empty description="您没有可查看的单位" />
      )}
    </Space>
  );
}
