import { useState } from 'react';
import type { HttpError } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Radio, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { blindToken, expectedReceipt } from '@canbo/ballot-client';
import { problemMessage } from '../../components';
import { formatDateTime } from '../../i18n';
import { api, problemSlug, toHttpError, urlOf, type Problem } from '../../providers/http';
import { ballotStore, fromBase64, toBase64, toHex } from './ballot-store';
import { RATINGS, isOpen, type Rating, type VoterSession } from './open-ballots';

type Phase = 'start' | 'ballot' | 'cast' | 'voted';

const RADIO_GROUP = { role: 'radiogroup' };

/**
 * One session on the voter's page. Opening the ballot asks for it (signed in: a blind signature on a
 * token made here), well before the voter submits, so the two requests are apart by the voter's reading
 * time; submitting casts it with a plain fetch that carries no token and no cookie (README, "Ballot
 * secrecy"). The receipt is shown and kept; after the count the page looks for it among the counted ones.
 */
export function BallotCard({ session, userId }: { session: VoterSession; userId: string }) {
  const { t } = useTranslation();
  const receipt = ballotStore.receipt(userId, session.id);
  const [phase, setPhase] = useState<Phase>(() =>
    receipt ? 'cast' : ballotStore.token(userId, session.id) ? 'ballot' : session.ballotIssued ? 'voted' : 'start',
  );
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<Record<string, Rating>>();
  const open = isOpen(session);

  const fail = (error: unknown) => {
    const e = error as HttpError & { problem?: Problem };
    const slug = e.problem ? problemSlug(e.problem) : '';
    if (slug === 'ballot-already-issued' || slug === 'ballot-already-cast') setPhase('voted');
    else setProblem(problemMessage(e, t, 'ballots'));
  };

  const openBallot = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const blinded = await blindToken(fromBase64(session.publicKey));
      const issued = await api<{ blindSignature: string }>(`/vote-sessions/${session.id}/ballot-token`, {
        method: 'POST',
        body: { blindedMessage: toBase64(blinded.blindedMessage) },
      });
      const { token, signature } = await blinded.finish(fromBase64(issued.blindSignature));
      ballotStore.keepToken(userId, session.id, { token: toBase64(token), signature: toBase64(signature) });
      setPhase('ballot');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const cast = async (values: Record<string, Rating>) => {
    const signed = ballotStore.token(userId, session.id);
    if (!signed) return setPhase('start');
    setBusy(true);
    setProblem(null);
    const ratings = session.subjects.map((s) => values[`rating-${s.position}`]);
    try {
      // Anonymous on purpose: no Authorization header, no cookies (not the portal's api(), which signs every call).
      const res = await fetch(urlOf(`/vote-sessions/${session.id}/ballots`), {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...signed, ratings }),
      });
      const body = (await res.json()) as Problem & { receipt?: string };
      if (!res.ok) throw toHttpError(res.status, body);
      const expected = toHex(
        await expectedReceipt(
          session.id,
          fromBase64(signed.token),
          ratings.map((r) => RATINGS.indexOf(r) + 1),
        ),
      );
      // The voter's own receipt is kept: if the server's differs, it stored another ballot, and the check after the count will say so.
      ballotStore.cast(userId, session.id, expected);
      setPhase('cast');
      if (body.receipt !== expected) setProblem(t('ballots.receiptMismatch'));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {session.title}
        </Typography.Title>
      }
      data-testid={`ballot-${session.id}`}
    >
      <Typography.Paragraph type="secondary">
        {session.committeeName} — {t('ballots.window', { from: formatDateTime(session.opensAt), to: formatDateTime(session.closesAt) })}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      {phase === 'cast' && <Receipt session={session} receipt={ballotStore.receipt(userId, session.id) ?? ''} />}
      {phase === 'voted' && <Alert type="info" showIcon message={t('ballots.alreadyVoted')} data-testid="already-voted" />}
      {phase === 'start' &&
        (open ? (
          <Space direction="vertical">
            <Typography.Text>{t('ballots.openHint', { count: session.subjects.length })}</Typography.Text>
            <Button type="primary" loading={busy} onClick={() => void openBallot()}>
              {t('ballots.openBallot')}
            </Button>
          </Space>
        ) : (
          <Typography.Text>{t(`ballots.states.${session.state}`)}</Typography.Text>
        ))}
      {phase === 'ballot' && (
        <Form form={form} layout="vertical" onFinish={(v) => void cast(v)}>
          <Table
            rowKey="position"
            pagination={false}
            dataSource={session.subjects}
            columns={[
              { title: t('ballots.subject'), key: 'subject', render: (_: unknown, s) => `${s.fullName} — ${s.post}` },
              {
                title: t('ballots.rating'),
                key: 'rating',
                render: (_: unknown, s) => (
                  <Form.Item
                    name={`rating-${s.position}`}
                    style={{ margin: 0 }}
                    rules={[{ required: true, message: t('ballots.rateEveryone') }]}
                  >
                    <Radio.Group
                      // antd passes `role` on: a labelled radio group (the form item's aria-required needs the role too).
                      {...RADIO_GROUP}
                      aria-label={t('ballots.ratingOf', { name: s.fullName })}
                      options={RATINGS.map((r) => ({ value: r, label: t(`ballots.ratings.${r}`) }))}
                    />
                  </Form.Item>
                ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('ballots.secrecy')}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={busy} disabled={!open}>
            {t('ballots.cast')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** The receipt, to copy; once the session is counted, whether it is among the counted ones. */
function Receipt({ session, receipt }: { session: VoterSession; receipt: string }) {
  const { t } = useTranslation();
  const counted = useQuery({
    queryKey: ['canbo', 'vote-sessions', session.id, 'receipts'],
    queryFn: () => api<{ state: string; receipts: string[] }>(`/vote-sessions/${session.id}/receipts`),
    enabled: session.state === 'closed',
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="success" showIcon message={t('ballots.castDone')} data-testid="ballot-cast" />
      <Typography.Text>{t('ballots.receipt')}</Typography.Text>
      <Typography.Text code copyable={{ tooltips: [t('ballots.copy'), t('ballots.copied')] }} data-testid="receipt">
        {receipt}
      </Typography.Text>
      {session.state === 'scheduled' && <Typography.Text type="secondary">{t('ballots.countLater')}</Typography.Text>}
      {session.state === 'void' && <Typography.Text type="secondary">{t('ballots.states.void')}</Typography.Text>}
      {counted.data &&
        (counted.data.receipts.includes(receipt) ? (
          <Alert type="success" showIcon message={t('ballots.counted')} data-testid="ballot-counted" />
        ) : (
          <Alert type="error" showIcon message={t('ballots.notCounted')} data-testid="ballot-not-counted" />
        ))}
    </Space>
  );
}
