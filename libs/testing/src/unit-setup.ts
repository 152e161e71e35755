import { randomBytes } from 'node:crypto';

// Unit tests that import an app module (route tables) evaluate its env validation, which refuses
// missing secrets: give them strong throwaway ones. Nothing here talks to anything.
process.env.INTERNAL_SECRET ??= randomBytes(32).toString('base64url');
process.env.JWT_SECRET ??= randomBytes(32).toString('base64url');
