/**
 * JSON Schema (draft-07) of the architecture file format (see `file-format.ts`). It is
 * validated with ajv before evaluation, so structural mistakes are reported with their JSON
 * pointer; `npx butterflops schema` prints it for editors.
 */
import { LAYER_ROLES, PYTORCH_FORMS } from '../model/layer.js';
import { ACTIVATION_KINDS, TRANSFORMER_KINDS } from './file-format.js';

const expr = { type: ['number', 'string'], description: 'a number or a mathjs expression' } as const;
const padding = { anyOf: [{ const: 'same' }, expr] } as const;
const common = {
  name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
  if: expr,
  role: { enum: [...LAYER_ROLES] },
} as const;

function layer(kind: unknown, properties: Record<string, unknown>, required: string[] = []) {
  return {
    type: 'object',
    properties: { kind, ...common, ...properties },
    required: ['kind', ...required],
    additionalProperties: false,
  };
}

/** The schema object. */
export const ARCHITECTURE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://butterflops.dev/architecture.schema.json',
  title: 'butterflops architecture file',
  type: 'object',
  required: ['name', 'parameters', 'input', 'layers'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]*$' },
    title: { type: 'string' },
    description: { type: 'string' },
    source: { type: 'string' },
    parameters: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: {
        type: 'object',
        required: ['description', 'default'],
        additionalProperties: false,
        properties: {
          description: { type: 'string' },
          default: { type: ['number', 'string'] },
          integer: { type: 'boolean' },
          minimum: { type: 'number' },
          exclusiveMinimum: { type: 'number' },
          maximum: { type: 'number' },
          values: { type: 'array', items: { type: ['number', 'string'] }, minItems: 1 },
          strict: { type: 'boolean' },
        },
      },
    },
    definitions: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\([A-Za-z_][A-Za-z0-9_]*(, *[A-Za-z_][A-Za-z0-9_]*)*\\))?$' },
      additionalProperties: expr,
    },
    input: {
      type: 'object',
      required: ['channels', 'height', 'width'],
      additionalProperties: false,
      properties: { channels: expr, height: expr, width: expr },
    },
    blocks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['args', 'body'],
        additionalProperties: false,
        properties: {
          args: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } },
          body: { $ref: '#/definitions/nodes' },
        },
      },
    },
    fusion: {
      type: 'object',
      additionalProperties: false,
      properties: { keepDense: expr, note: { type: 'string' } },
    },
    layers: { $ref: '#/definitions/nodes' },
  },
  definitions: {
    nodes: { type: 'array', items: { $ref: '#/definitions/node' } },
    node: {
      type: 'object',
      // Dispatch on the discriminating key so that errors point at the right variant.
      if: { required: ['kind'] },
      then: { $ref: '#/definitions/layer' },
      else: {
        if: { required: ['block'] },
        then: {
          type: 'object',
          required: ['block'],
          additionalProperties: false,
          properties: { block: { type: 'string' }, args: { type: 'object', additionalProperties: expr }, ...common },
        },
        else: {
          if: { required: ['repeat'] },
          then: {
            type: 'object',
            required: ['repeat', 'body'],
            additionalProperties: false,
            properties: {
              repeat: expr,
              as: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
              body: { $ref: '#/definitions/nodes' },
              ...common,
            },
          },
          else: {
            type: 'object',
            required: ['parallel', 'merge'],
            additionalProperties: false,
            properties: {
              parallel: { type: 'array', minItems: 1, items: { $ref: '#/definitions/nodes' } },
              merge: { enum: ['add', 'concat', 'multiply'] },
              split: { type: 'array', minItems: 2, items: expr },
              pytorch: {
                enum: [...PYTORCH_FORMS.add, ...PYTORCH_FORMS.multiply],
                description: 'how the PyTorch reference code writes an add or multiply merge',
              },
              ...common,
            },
          },
        },
      },
    },
    layer: {
      type: 'object',
      required: ['kind'],
      properties: {
        kind: {
          enum: [
            'conv2d',
            'linear',
            'batchnorm',
            ...ACTIVATION_KINDS,
            'pool',
            'global-pool',
            'shuffle',
            ...TRANSFORMER_KINDS,
          ],
        },
      },
      allOf: [
        {
          if: { properties: { kind: { const: 'conv2d' } } },
          then: layer(
            { const: 'conv2d' },
            {
              out: expr,
              kernel: expr,
              stride: expr,
              groups: expr,
              padding,
              bias: { type: 'boolean' },
              pytorch: { enum: [...PYTORCH_FORMS.conv2d] },
            },
            ['out', 'kernel'],
          ),
        },
        {
          if: { properties: { kind: { const: 'linear' } } },
          then: layer(
            { const: 'linear' },
            { out: expr, bias: { type: 'boolean' }, pytorch: { enum: [...PYTORCH_FORMS.linear] } },
            ['out'],
          ),
        },
        { if: { properties: { kind: { const: 'batchnorm' } } }, then: layer({ const: 'batchnorm' }, {}) },
        {
          if: { properties: { kind: { enum: [...ACTIVATION_KINDS] } } },
          then: layer({ enum: [...ACTIVATION_KINDS] }, { pytorch: { enum: [...PYTORCH_FORMS.activation] } }),
        },
        {
          if: { properties: { kind: { const: 'pool' } } },
          then: layer(
            { const: 'pool' },
            {
              op: { enum: ['max', 'avg'] },
              kernel: expr,
              stride: expr,
              padding,
              pytorch: { enum: [...PYTORCH_FORMS.pool] },
            },
            ['op', 'kernel'],
          ),
        },
        {
          if: { properties: { kind: { const: 'global-pool' } } },
          then: layer(
            { const: 'global-pool' },
            { op: { enum: ['max', 'avg'] }, pytorch: { enum: [...PYTORCH_FORMS['global-pool']] } },
          ),
        },
        {
          if: { properties: { kind: { const: 'shuffle' } } },
          then: layer({ const: 'shuffle' }, { groups: expr }, ['groups']),
        },
        {
          if: { properties: { kind: { const: 'matmul' } } },
          then: layer(
            { const: 'matmul' },
            { batch: expr, m: expr, k: expr, n: expr, pytorch: { enum: [...PYTORCH_FORMS.matmul] } },
            ['m', 'k', 'n'],
          ),
        },
        {
          if: { properties: { kind: { const: 'layernorm' } } },
          then: layer(
            { const: 'layernorm' },
            { affine: { type: 'boolean' }, pytorch: { enum: [...PYTORCH_FORMS.elementwise] } },
          ),
        },
        {
          if: { properties: { kind: { enum: ['softmax', 'gelu'] } } },
          then: layer({ enum: ['softmax', 'gelu'] }, { pytorch: { enum: [...PYTORCH_FORMS.elementwise] } }),
        },
        {
          if: { properties: { kind: { enum: ['class-token', 'position-embedding', 'layer-scale', 'select-token'] } } },
          then: layer({ enum: ['class-token', 'position-embedding', 'layer-scale', 'select-token'] }, {}),
        },
        {
          if: { properties: { kind: { const: 'reshape' } } },
          then: layer({ const: 'reshape' }, { channels: expr, height: expr, width: expr }, ['channels', 'height']),
        },
      ],
    },
  },
} as const;
