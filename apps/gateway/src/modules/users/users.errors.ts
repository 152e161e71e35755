import { DomainError, ProblemStatus, ProblemStatuses } from '@qa/platform';

export enum UserErrorCode {
  NotTenantRole = 'USER_NOT_TENANT_ROLE',
  AgentWithoutId = 'USER_AGENT_WITHOUT_ID',
  WeakPassword = 'USER_WEAK_PASSWORD',
  UsernameTaken = 'USER_USERNAME_TAKEN',
  NotFound = 'USER_NOT_FOUND',
  OwnAccount = 'USER_OWN_ACCOUNT',
  StaleVersion = 'USER_STALE_VERSION',
}

export class UserError extends DomainError<UserErrorCode> {
  static notTenantRole(): UserError {
    return new UserError(
      UserErrorCode.NotTenantRole,
      'platform admins are not created through the API',
      { errors: [{ path: 'role', message: 'must be a tenant role' }] },
    );
  }

  static agentWithoutId(): UserError {
    return new UserError(
      UserErrorCode.AgentWithoutId,
      'An agent needs the agent id their calls carry.',
      { errors: [{ path: 'agentId', message: 'is required for an agent' }] },
    );
  }

  static weakPassword(problem: string, field = 'password'): UserError {
    return new UserError(UserErrorCode.WeakPassword, `The password ${problem}.`, {
      errors: [{ path: field, message: problem }],
    });
  }

  static usernameTaken(username: string): UserError {
    return new UserError(UserErrorCode.UsernameTaken, `username ${username} is taken`, {
      errors: [{ path: 'username', message: 'already exists' }],
    });
  }

  static notFound(id: string): UserError {
    return new UserError(UserErrorCode.NotFound, `user ${id} not found`, {});
  }

  static stale(expected: number, actual: number): UserError {
    return new UserError(
      UserErrorCode.StaleVersion,
      `expectedVersion ${expected} is stale: the user is at version ${actual}`,
      { currentVersion: actual, errors: [{ path: 'expectedVersion', message: 'stale' }] },
    );
  }

  /** An admin who demoted, disabled or deleted themselves could lock the tenant out. */
  static ownAccount(field: string): UserError {
    return new UserError(UserErrorCode.OwnAccount, 'Admins cannot do this to their own account.', {
      errors: [{ path: field, message: 'cannot be changed on your own account' }],
    });
  }
}

export const userErrorStatuses: Record<UserErrorCode, ProblemStatus> = {
  [UserErrorCode.NotTenantRole]: ProblemStatuses.invalid,
  [UserErrorCode.AgentWithoutId]: ProblemStatuses.invalid,
  [UserErrorCode.WeakPassword]: ProblemStatuses.invalid,
  [UserErrorCode.OwnAccount]: ProblemStatuses.invalid,
  [UserErrorCode.UsernameTaken]: ProblemStatuses.conflict,
  [UserErrorCode.NotFound]: ProblemStatuses.notFound,
  [UserErrorCode.StaleVersion]: ProblemStatuses.conflict,
};
