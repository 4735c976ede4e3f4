export function dropDatabases(pgAdminUrl: string, names: readonly string[]): Promise<void>;
export function deleteBrokerNames(
  rabbitmqUrl: string,
  names: { queues: readonly string[]; exchanges: readonly string[] },
): Promise<void>;
export function deleteRedisKeys(redisUrl: string, pattern: string): Promise<number>;
