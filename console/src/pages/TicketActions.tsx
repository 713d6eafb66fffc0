import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { useState } from 'react';
import { describeError, request } from '../api';
import { useLoad } from '../hooks';
import { ACTION_LABELS, ROLE_LABELS, SATISFACTION_LABELS } from '../terms';
import type { Satisfaction } from '../gql/graphql';
import {
  ACCEPT,
  CLOSE,
  DISPATCH,
  ESCALATE,
  FEEDBACK,
  HANDLER_CANDIDATES,
  MERGE,
  PROGRESS,
  REJECT,
  REOPEN,
  RESOLVE,
  SAME_LEVEL_UNITS,
  START,
  SUPERVISE,
  TICKET_BY_NUMBER,
  TRANSFER,
  UPLOAD_EVIDENCE,
} from './ticket-operations';
import type { DetailTicket } from './TicketDetail';

interface Values {
  text?: string;
  handler?: string;
  unitId?: string;
  satisfaction?: Satisfaction;
  intoNumber?: string;
}

/** Which field each command asks for, and whether it is required. */
const TEXT_FIELD: Record<string, { label: string; required: boolean } | undefined> = {
  accept: { label: '受理意见', required: false },
  reject: { label: '不予受理理由', required: true },
  dispatch: { label: '派单说明', required: false },
  start: { label: '到场说明', required: false },
  progress: { label: '处置进展', required: true },
  resolve: { label: '办理结果', required: true },
  escalate: { label: '上报理由', required: true },
  transfer: { label: '转办理由', required: true },
  supervise: { label: '督办意见', required: true },
  feedback: { label: '回访记录', required: false },
  reopen: { label: '重办理由', required: true },
};

const WITH_EVIDENCE = new Set(['start', 'progress', 'resolve']);

const toBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

/** Handlers valid for a dispatch: members holding a role now in the responsible unit or a unit inside it, one option per such unit. */
function HandlerPicker({ unitId, unitName }: { unitId: string; unitName: string }) {
  const candidates = useLoad(() => request(HANDLER_CANDIDATES, { unitId }), `handlers:${unitId}`);
  const units = new Map<string, string>([[unitId, unitName], ...(candidates.data?.orgUnits.edges ?? []).map(({ node }) => [node.id, node.name] as [string, string])]);
  const options = (candidates.data?.members.edges ?? []).flatMap(({ node }) =>
    node.assignments
      .filter((assignment) => units.has(assignment.unitId) && (!assignment.to || Date.parse(assignment.to) > Date.now()))
      .map((assignment) => ({
        value: `${node.id}|${assignment.unitId}`,
        label: `${node.name} · ${ROLE_LABELS[assignment.role] ?? assignment.role} · ${units.get(assignment.unitId)}`,
      })),
  );
  return (
    <Form.Item name="handler" label="处置人" rules={[{ required: true, message: '请选择处置人' }]}>
      <Select showSearch optionFilterProp="label" options={options} loading={candidates.loading} placeholder="选择本单位或下级单位的在岗人员" data-testid="handler-picker" />
    </Form.Item>
  );
}

const TRANSFER_LEVEL: Record<string, string> = { GRID: 'GRID', ADMIN_VILLAGE: 'ADMIN_VILLAGE', TOWNSHIP: 'TOWNSHIP' };

function TransferUnitPicker({ level, currentUnitId }: { level: string; currentUnitId: string }) {
  const units = useLoad(() => request(SAME_LEVEL_UNITS, { level: (TRANSFER_LEVEL[level] ?? 'GRID') as 'GRID' }), `units:${level}`);
  const options = (units.data?.orgUnits.edges ?? []).filter(({ node }) => node.id !== currentUnitId).map(({ node }) => ({ value: node.id, label: node.name }));
  return (
    <Form.Item name="unitId" label="转办至" rules={[{ required: true, message: '请选择同级单位' }]}>
      <Select showSearch optionFilterProp="label" options={options} loading={units.loading} />
    </Form.Item>
  );
}

export function ActionDialog({ action, ticket, onClose, onDone }: { action: string; ticket: DetailTicket; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const textField = TEXT_FIELD[action];
  const base = { id: ticket.id, expectedVersion: ticket.version };

  const upload: UploadProps['customRequest'] = (options) => {
    const file = options.file as File;
    toBase64(file)
      .then((contentBase64) => request(UPLOAD_EVIDENCE, { input: { ticketId: ticket.id, fileName: file.name, contentType: file.type || 'application/octet-stream', contentBase64 } }))
      .then(({ uploadEvidence }) => {
        setEvidenceIds((ids) => [...ids, uploadEvidence.id]);
        options.onSuccess?.(uploadEvidence);
      })
      .catch((failure: unknown) => {
        setError(describeError(failure));
        options.onError?.(failure instanceof Error ? failure : new Error(String(failure)));
      });
  };

  async function run(values: Values): Promise<void> {
    const text = values.text?.trim() || undefined;
    const evidence = evidenceIds.length > 0 ? evidenceIds : undefined;
    switch (action) {
      case 'accept':
        await request(ACCEPT, { ...base, note: text });
        return;
      case 'reject':
        await request(REJECT, { ...base, reason: text ?? '' });
        return;
      case 'dispatch': {
        const [handlerId, unitId] = (values.handler ?? '').split('|');
        await request(DISPATCH, { ...base, input: { handlerId: handlerId ?? '', unitId, note: text } });
        return;
      }
      case 'start':
        await request(START, { ...base, note: text, evidenceIds: evidence });
        return;
      case 'progress':
        await request(PROGRESS, { ...base, input: { note: text ?? '', evidenceIds: evidence } });
        return;
      case 'resolve':
        await request(RESOLVE, { ...base, input: { resolution: text ?? '', evidenceIds: evidence } });
        return;
      case 'escalate':
        await request(ESCALATE, { ...base, reason: text ?? '' });
        return;
      case 'transfer':
        await request(TRANSFER, { ...base, input: { unitId: values.unitId ?? '', reason: text ?? '' } });
        return;
      case 'supervise':
        await request(SUPERVISE, { ...base, note: text ?? '' });
        return;
      case 'feedback':
        await request(FEEDBACK, { ...base, input: { satisfaction: values.satisfaction ?? 'SATISFIED', comment: text } });
        return;
      case 'reopen':
        await request(REOPEN, { ...base, reason: text ?? '' });
        return;
      case 'close':
        await request(CLOSE, base);
        return;
      case 'merge': {
        const { ticketByNumber } = await request(TICKET_BY_NUMBER, { number: values.intoNumber?.trim() ?? '' });
        if (!ticketByNumber) throw new Error('未找到该工单号，或不在您的管辖范围内');
        await request(MERGE, { ...base, intoId: ticketByNumber.id });
        return;
      }
      default:
        throw new Error(`unknown action ${action}`);
    }
  }

  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await run(values);
      message.success(`${ACTION_LABELS[action] ?? action}成功`);
      onDone();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${ACTION_LABELS[action] ?? action} · ${ticket.number}`}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="action-submit">
          确定
        </Button>,
      ]}
      destroyOnHidden
    >
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} initialValues={{ satisfaction: 'SATISFIED' }}>
        {action === 'dispatch' && <HandlerPicker unitId={ticket.unit.id} unitName={ticket.unit.name} />}
        {action === 'transfer' && <TransferUnitPicker level={ticket.level} currentUnitId={ticket.unit.id} />}
        {action === 'feedback' && (
          <Form.Item name="satisfaction" label="满意度" rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={Object.entries(SATISFACTION_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        {action === 'merge' && (
          <Form.Item name="intoNumber" label="合并到工单号（原工单）" rules={[{ required: true, message: '请输入原工单号' }]}>
            <Input placeholder="例如 20261130-000042" />
          </Form.Item>
        )}
        {action === 'close' && <Typography.Paragraph>确认办结归档该工单？</Typography.Paragraph>}
        {textField && (
          <Form.Item name="text" label={textField.label} rules={textField.required ? [{ required: true, whitespace: true, message: `请填写${textField.label}` }] : []}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="action-text" />
          </Form.Item>
        )}
        {WITH_EVIDENCE.has(action) && (
          <Form.Item label="图文证据">
            <Upload customRequest={upload} accept="image/*,application/pdf" listType="picture" multiple data-testid="evidence-upload">
              <Button icon={<UploadOutlined />}>上传照片</Button>
            </Upload>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
