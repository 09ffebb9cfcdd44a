/** Shapes of the server's replies the app reads (server/src/modules/*\/*.schemas.ts). */
export interface Hotline {
  label: string;
  phone: string;
}

/** Emergency alerts arrive with the news module; the tenant payload carries them once it exists. */
export interface EmergencyAlert {
  id: string;
  title: string;
  body?: string;
  link?: InboxLink | null;
}

export interface Tenant {
  id: string;
  code: string;
  name: string;
  shortName: string;
  utilities: string[];
  branding: { primaryColor?: string; logoUrl?: string; appName?: string };
  hotlines: Hotline[];
  zalo: { appId: string | null; oaId: string | null };
  alerts?: EmergencyAlert[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: string;
  phone: string | null;
  address: string | null;
}

export interface AuthMethods {
  zalo: boolean;
  phoneOtp: boolean;
  devZalo: boolean;
}

export interface OtpRequestReply {
  expiresAt: string;
  resendAfterSeconds: number;
  sentTo: string;
}

export interface Consent {
  id: string;
  purposeCode: string;
  purpose: string;
  grantedAt: string;
  withdrawnAt: string | null;
}

export interface Me {
  id: string;
  name: string | null;
  avatarUrl: string | null;
  phone: string | null;
  phoneVerifiedAt: string | null;
  hasZalo: boolean;
  createdAt: string;
  consents: Consent[];
}

export interface InboxLink {
  page: string;
  params: Record<string, string>;
}

export interface InboxMessage {
  id: string;
  type: string;
  title: string;
  body: string;
  link: InboxLink | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage extends Page<InboxMessage> {
  unread: number;
}
