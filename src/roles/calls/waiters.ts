/**
 * SDK waiters poll one API operation (the waiter definitions shipped with each SDK): the waiter needs that
 * operation's permission. Keys are waiter names in PascalCase (`ObjectExists`, boto3 `object_exists`).
 */
const WAITER_OPERATIONS: Record<string, Record<string, string>> = {
  s3: { BucketExists: 'HeadBucket', BucketNotExists: 'HeadBucket', ObjectExists: 'HeadObject', ObjectNotExists: 'HeadObject' },
  dynamodb: { TableExists: 'DescribeTable', TableNotExists: 'DescribeTable' },
  lambda: { FunctionExists: 'GetFunction', FunctionActive: 'GetFunctionConfiguration', FunctionUpdated: 'GetFunctionConfiguration', FunctionActiveV2: 'GetFunction', FunctionUpdatedV2: 'GetFunction' },
  ec2: { InstanceRunning: 'DescribeInstances', InstanceStopped: 'DescribeInstances', InstanceTerminated: 'DescribeInstances', InstanceExists: 'DescribeInstances', InstanceStatusOk: 'DescribeInstanceStatus' },
  ecs: { ServicesStable: 'DescribeServices', ServicesInactive: 'DescribeServices', TasksRunning: 'DescribeTasks', TasksStopped: 'DescribeTasks' },
  cloudformation: { StackCreateComplete: 'DescribeStacks', StackUpdateComplete: 'DescribeStacks', StackDeleteComplete: 'DescribeStacks', StackExists: 'DescribeStacks' },
};

export function waiterOperation(service: string, waiter: string): string | undefined {
  return WAITER_OPERATIONS[service]?.[waiter];
}
