import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDv7, generated in the application (PostgreSQL 15 has no uuidv7()). */
export const newId = (): string => uuidv7();

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
