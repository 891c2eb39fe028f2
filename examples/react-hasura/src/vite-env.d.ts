/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_GATEHOUSE_ENDPOINT?: string;
  readonly VITE_GATEHOUSE_APP_ID?: string;
  readonly VITE_API_URL?: string;
  readonly VITE_HASURA_RESOURCE?: string;
}
