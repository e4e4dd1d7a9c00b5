"""Notifications (通知): the manager hears of a 重大 complaint, an overdue case, an approval above
the manager's limit, an unsatisfied follow-up and the day's summary on the studio's WeCom,
DingTalk or Feishu group, or by e-mail, away from the desk.

- :mod:`.events` — what each event says (customer masked, never a full phone);
- :mod:`.triggers` — which changes call for a message (from :func:`studio_desk.audit.record`);
- :mod:`.schedule` — what time alone brings: overdue cases, the day's summary at closing time;
- :mod:`.outbox` — queues messages inside the transaction of the change that caused them;
- :mod:`.channels` — the channels, set up by 店长 and above (secrets never shown again);
- :mod:`.robots`, :mod:`.mail` — one delivery attempt over HTTP or SMTP;
- :mod:`.sender` — claims, sends and marks each message, with retries and back-off.
"""
