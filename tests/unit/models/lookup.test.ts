import { describe, expect, it } from 'vitest';
import { formatStat, shapeOf, statValue } from '../../../src/models/index.ts';

describe('inline figures for <Stat> and <ShapeOf>', () => {
  it('prints totals in the requested format', () => {
    expect(formatStat('resnet34', 'params')).toBe('21,797,672');
    expect(formatStat('resnet34', 'macs', 'G', undefined, 3)).toBe('3.664\u00a0G');
    expect(formatStat('vgg16', 'weightLayers')).toBe('16');
    expect(formatStat('vgg16', 'convLayers')).toBe('13');
    expect(formatStat('resnet34', 'receptiveField')).toBe('the whole image');
  });
  it('prints parts by id or by the paper label', () => {
    expect(statValue('resnet34', 'params', 'conv3_1')).toBe(230_144);
    expect(formatStat('resnet34', 'receptiveField', 'exact', 'stage4')).toBe('899\u00a0px');
    expect(shapeOf('resnet34', 'conv1')).toBe('112×112×64');
    expect(shapeOf('resnet34', 'conv2_x')).toBe('56×56×64');
    expect(shapeOf('resnet34', 'stage2_block1_shortcut')).toBe('28×28×128');
    expect(shapeOf('lenet5-modern', 'input')).toBe('28×28×1');
  });
  it('fails naming the model and the missing part or stat', () => {
    expect(() => formatStat('resnet99', 'params')).toThrow(/Unknown model id "resnet99"/);
    expect(() => shapeOf('resnet34', 'conv9_1')).toThrow(/Model "resnet34" has no stage, block or layer "conv9_1"/);
    expect(() => statValue('resnet34', 'weightLayers', 'stage1')).toThrow(/only for the whole model/);
    expect(() => statValue('resnet34', 'flops' as 'params')).toThrow(/Unknown stat "flops"/);
  });
});
