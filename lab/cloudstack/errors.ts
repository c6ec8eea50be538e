// CloudStack's error vocabulary: the API `errorcode` (also the HTTP status) and the `cserrorcode` of the
// Java exception class (apis.md §1.2). A handler throws CloudStackError; the server or the job runner turns
// it into the envelope the real API would send.

/** ApiErrorCode values the lab uses. */
export const ErrorCode = {
  unauthorized: 401,
  apiLimitExceeded: 429,
  paramError: 431,
  unsupportedAction: 432,
  internalError: 530,
  insufficientCapacity: 533,
} as const;

/** CSExceptionErrorCode values: which Java exception a message came from. */
export const CsErrorCode = {
  cloudRuntime: 4250,
  invalidParameterValue: 4350,
  insufficientCapacity: 4310,
  serverApi: 9999,
} as const;

export class CloudStackError extends Error {
  constructor(
    readonly errorcode: number,
    readonly cserrorcode: number,
    message: string,
  ) {
    super(message);
    this.name = "CloudStackError";
  }
}

/** InvalidParameterValueException → 431: the business-rule refusals of §1.6. */
export function invalidParameter(message: string): CloudStackError {
  return new CloudStackError(ErrorCode.paramError, CsErrorCode.invalidParameterValue, message);
}

/** ServerApiException(PARAM_ERROR) → 431: what the parameter processing at dispatch throws. */
export function paramError(message: string): CloudStackError {
  return new CloudStackError(ErrorCode.paramError, CsErrorCode.serverApi, message);
}

/** CloudRuntimeException (and any other RuntimeException) → 530. */
export function cloudRuntime(message: string): CloudStackError {
  return new CloudStackError(ErrorCode.internalError, CsErrorCode.cloudRuntime, message);
}

/** The body of an error response: `{"<cmd>response": {uuidList, errorcode, cserrorcode, errortext}}`. */
export function errorEnvelope(responseKey: string, error: CloudStackError): Record<string, unknown> {
  return {
    [responseKey]: {
      uuidList: [],
      errorcode: error.errorcode,
      cserrorcode: error.cserrorcode,
      errortext: error.message,
    },
  };
}
