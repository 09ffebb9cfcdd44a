/// <reference types="vite/client" />

/** True in the Zalo package (`vite build --mode zalo`); the web build drops every Zalo-only branch. */
declare const __ZALO_BUILD__: boolean;
/** Absolute API origin in the Zalo package (served from h5.zdn.vn); empty on the web (same origin). */
declare const __API_BASE__: string;
/** Tenant sent as X-Tenant-Id when set; otherwise the server picks the tenant from the host name. */
declare const __TENANT_ID__: string;
declare const __APP_VERSION__: string;
