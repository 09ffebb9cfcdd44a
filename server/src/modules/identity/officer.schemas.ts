import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../../db/schema.js';

/*
 * Request and response shapes of the officer authentication routes. Responses list their fields
 * explicitly so nothing else about an officer (hash, TOTP secret, counters) can leak out.
 * Passwords are capped at 200 characters: argon2 would hash anything, and long inputs only cost CPU.
 */
const Password = Type.String({ minLength: 1, maxLength: 200 });
const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: '6 digits from the authenticator app' });

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Password,
    totp: Type.Optional(TotpCode),
    tokenMode: Type.Optional(
      Type.Union([Type.Literal('cookie'), Type.Literal('bearer')], {
        description:
          "'cookie' (default) sets the HttpOnly session cookie for the console; 'bearer' returns " +
          '`token` for API clients and sets no cookie.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const OfficerRole = Type.Object({
  agencyId: Type.String(),
  agencyName: Type.String(),
  role: Type.Union(ROLES.map((r) => Type.Literal(r))),
});

export const OfficerProfile = Type.Object({
  id: Type.String(),
  username: Type.String(),
  fullName: Type.String(),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean({
    description:
      'An administrator set a temporary password: until it is changed, routes other than me, ' +
      'password and logout answer 403 PASSWORD_CHANGE_REQUIRED',
  }),
  roles: Type.Array(OfficerRole),
});
export type OfficerProfile = Static<typeof OfficerProfile>;

export const LoginResponse = Type.Object({
  csrfToken: Type.String({ description: 'Echo in X-CSRF-Token on unsafe requests made with the cookie' }),
  expiresAt: Type.String({ format: 'date-time' }),
  token: Type.Optional(Type.String({ description: "Bearer token, only with tokenMode 'bearer'" })),
  officer: OfficerProfile,
});

export const MeResponse = Type.Object({
  csrfToken: Type.Union([Type.String(), Type.Null()], {
    description: 'The CSRF token of a cookie session; null for bearer tokens, which need none',
  }),
  officer: OfficerProfile,
});

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const TotpSetupResponse = Type.Object({
  secret: Type.String({ description: 'Base32 secret, for manual entry' }),
  otpauthUrl: Type.String({ description: 'otpauth:// URI, for a QR code' }),
});

/** The password too: a borrowed session alone must not bind an attacker's authenticator. */
export const TotpEnableBody = Type.Object(
  { password: Password, code: TotpCode },
  { additionalProperties: false },
);
export type TotpEnableBody = Static<typeof TotpEnableBody>;

export const TotpDisableBody = Type.Object(
  { password: Password, code: TotpCode },
  { additionalProperties: false },
);
export type TotpDisableBody = Static<typeof TotpDisableBody>;
