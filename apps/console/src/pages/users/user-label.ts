import type { UserDto } from '@gatehouse/client/dto';

/** How a user is named in the console: username, else email, else name, else id. */
export const userLabel = (u: UserDto): string => u.username ?? u.primaryEmail ?? u.name ?? u.id;

export const formatTime = (ms: number | null | undefined): string => (ms ? new Date(ms).toLocaleString() : '—');
