import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { describeError, request, setSession } from '../api';
import { graphql } from '../gql';

const LOGIN = graphql(`
  mutation Login($phone: String!, $password: String!) {
    login(phone: $phone, password: $password) {
      token
      expiresAt
    }
  }
`);

export function Login({ notice }: { notice?: string }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ phone, password }: { phone: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const { login } = await request(LOGIN, { phone: phone.trim(), password });
      setSession({ token: login.token, expiresAt: login.expiresAt });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 16 }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          村民大管家 · 管理平台
        </Typography.Title>
        {notice && <Alert type="info" message={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />}
        {error && <Alert type="error" message={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={(values: { phone: string; password: string }) => void submit(values)}>
          <Form.Item name="phone" label="手机号" rules={[{ required: true, message: '请输入手机号' }]}>
            <Input prefix={<MobileOutlined />} autoComplete="username" inputMode="tel" id="login-phone" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
