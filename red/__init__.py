"""The network (red): partner institutions, referrals (annex D) and the partner portal.

- Team pages under ``/equipo/`` (``red.urls``, namespace ``red``): a case's referrals (a tab
  of the case file), drafting → signature → supervision's approval → sending, follow-up,
  messages, the annex D PDF; the network per institution with answer times.
- Partner portal under ``/red/`` (``red.portal_urls``, namespace ``portal``): users with a
  ``PartnerMembership`` and no case-module role answer the referrals sent to their
  institution and see only the fields each referral shares (``red.sharing``).
- After login, ``LOGIN_REDIRECT_URL`` points at ``portal:landing``, which sends partner users
  to their inbox and everybody else to ``team:home``: the case module stays unaware of the
  network, and the shared login page serves both.
- State changes: ``red.actions``; allowed moves: ``red.workflow``; e-mails after commit:
  ``red.notifications``; case-file tab, agenda and timeline sources: ``red.plugins``.
"""
