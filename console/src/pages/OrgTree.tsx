import { Alert, Card, Col, Descriptions, Empty, Row, Spin, Table, Tag, Tree } from 'antd';
import { useState } from 'react';
import { describeError, request } from '../api';
import { graphql } from '../gql';
import type { UnitPeopleQuery } from '../gql/graphql';
import { useIsNarrow, useLoad } from '../hooks';
import { toTree, useMyUnits } from '../org-units';
import { HOUSEHOLD_TAG_LABELS, ORG_LEVEL_LABELS, ROLE_LABELS } from '../terms';

const UNIT_PEOPLE = graphql(`
  query UnitPeople($id: ID!) {
    orgUnit(id: $id) {
      id
      name
      code
      level
      households
      population
      partyOrg {
        name
        secretaryName
      }
    }
    members(filter: { within: $id, status: ACTIVE }, first: 50) {
      totalCount
      edges {
        node {
          id
          name
          phone
          isPartyMember
          assignments(last: 5) {
            role
            unitId
            to
            unit {
              name
            }
          }
        }
      }
    }
    households(filter: { within: $id }, first: 50) {
      totalCount
      edges {
        node {
          id
          head
          address
          size
          tags
          phone
        }
      }
    }
  }
`);

type MemberRow = UnitPeopleQuery['members']['edges'][number]['node'];
type HouseholdRow = UnitPeopleQuery['households']['edges'][number]['node'];

function UnitPeople({ id }: { id: string }) {
  const narrow = useIsNarrow();
  const people = useLoad(() => request(UNIT_PEOPLE, { id }), `people:${id}`);
  if (people.error !== undefined) return <Alert type="error" message={describeError(people.error)} />;
  if (!people.data) return <Spin />;
  const { orgUnit, members, households } = people.data;
  return (
    <>
      {orgUnit && (
        <Card size="small" title={orgUnit.name} style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={narrow ? 1 : 3}>
            <Descriptions.Item label="层级">{ORG_LEVEL_LABELS[orgUnit.level]}</Descriptions.Item>
            <Descriptions.Item label="编码">{orgUnit.code ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="户数 / 人口">
              {orgUnit.households} / {orgUnit.population}
            </Descriptions.Item>
            {orgUnit.partyOrg && <Descriptions.Item label="党组织">{`${orgUnit.partyOrg.name}${orgUnit.partyOrg.secretaryName ? `（书记 ${orgUnit.partyOrg.secretaryName}）` : ''}`}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
      <Card size="small" title={`人员及任职（${members.totalCount}）`} style={{ marginBottom: 16 }}>
        <Table<MemberRow>
          rowKey="id"
          size="small"
          dataSource={members.edges.map((edge) => edge.node)}
          pagination={false}
          scroll={{ x: narrow ? 520 : undefined }}
          columns={[
            { title: '姓名', dataIndex: 'name', render: (name: string, member) => (member.isPartyMember ? <>{name} <Tag color="red">党员</Tag></> : name) },
            { title: '电话', dataIndex: 'phone' },
            {
              title: '角色',
              render: (_: unknown, member) =>
                member.assignments
                  .filter((assignment) => !assignment.to || Date.parse(assignment.to) > Date.now())
                  .map((assignment) => <Tag key={`${assignment.unitId}:${assignment.role}`}>{`${ROLE_LABELS[assignment.role] ?? assignment.role} · ${assignment.unit.name}`}</Tag>),
            },
          ]}
        />
      </Card>
      <Card size="small" title={`住户（${households.totalCount}）`}>
        <Table<HouseholdRow>
          rowKey="id"
          size="small"
          dataSource={households.edges.map((edge) => edge.node)}
          pagination={false}
          scroll={{ x: narrow ? 520 : undefined }}
          columns={[
            { title: '户主', dataIndex: 'head' },
            { title: '地址', dataIndex: 'address' },
            { title: '人数', dataIndex: 'size', width: 60 },
            { title: '电话', dataIndex: 'phone' },
            { title: '标签', dataIndex: 'tags', render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{HOUSEHOLD_TAG_LABELS[tag] ?? tag}</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}

export function OrgTree() {
  const units = useMyUnits();
  const [selected, setSelected] = useState<string>();
  const tree = toTree(units.data ?? []);
  const current = selected ?? tree[0]?.value;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8} lg={6}>
        <Card size="small" title="组织机构">
          {units.error !== undefined && <Alert type="error" message={describeError(units.error)} />}
          {units.loading && !units.data ? (
            <Spin />
          ) : tree.length === 0 ? (
            <Empty />
          ) : (
            <Tree treeData={tree} defaultExpandAll selectedKeys={current ? [current] : []} onSelect={(keys) => keys[0] && setSelected(String(keys[0]))} />
          )}
        </Card>
      </Col>
      <Col xs={24} md={16} lg={18}>
        {current ? <UnitPeople id={current} /> : <Empty description="请选择单位" />}
      </Col>
    </Row>
  );
}
