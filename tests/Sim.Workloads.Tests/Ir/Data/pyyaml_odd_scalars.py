# Writes pyyaml_odd_scalars.yaml: IR-shaped layers whose names and strings are awkward for a
# YAML emitter (quoting, escapes, folding at width 80, unicode) and whose sparse ratios are
# awkward floats. IrWriter must reproduce PyYAML's bytes for them.
# Regenerate: python3 pyyaml_odd_scalars.py 1 > pyyaml_odd_scalars.yaml   (PyYAML 6)
import yaml, random, sys
random.seed(int(sys.argv[1]))
specials = ['', ' ', 'a b', 'a  b', ' lead', 'trail ', 'true', 'no', 'null', '~', '123', '0x1F', '1.5', '1e5', '1.0e+5', '.inf', '2001-12-14', '<<', '=', '-', '-a', '- a', '?', '? x', ':', 'a:b', 'a: b', 'a #b', 'a#b', '#x', '---', '...', '...a', 'x---', "it's", 'say "hi"', 'back\\slash', 'tab\there', 'new\nline', 'two\n\nlines', 'trail\n', '\nlead', 'uni\u00e9', 'emoji\U0001F600', 'nbsp\u00a0x', 'bell\x07', '[x]', '{y}', 'a,b', '&a', '*a', '!t', '|', '>', '%', '@', '`', "'q'", 'sp ace ' * 12, 'long' + ' word' * 30, 'x' * 100, 'a \nb', 'a\n b', 'é' * 50 + ' ' + 'b' * 40, '"' * 3, "'" * 3, 'mixed\t and space ' * 8, 'Yes', 'OFF', '0o17', '017', '08', '+1', '1_000', '1:30', '1:30.5', '0b101', 'nan', '.NaN', '-.inf']
def rnd():
    if random.random() < 0.5: return random.choice(specials)
    chars = 'ab:# -\'"\\\n\t,[]{}?&*!|>%@`é.0123456789 '
    return ''.join(random.choice(chars) for _ in range(random.randint(0, 120)))
def T(name, shape=[1,1,16], dtype='int8'):
    return {'name': name, 'shape': list(shape), 'dtype': dtype, 'addr': random.choice([0, 0, 7, 123456789012])}
layers = [{'name': 'att', 'type': 'attention_mv', 'input': [T('a'), T('b')], 'output': [T('c')], 'param': [T('m')], 'structure': {'bias_flag': False, 'mask_mode': 'none', 'relu_flag': False}}]
for i in range(25):
    w = T(rnd(), [1,16,16]); w['sparse_flag'] = random.choice([True, False]); w['sparse_ratio'] = random.choice([1, 0.7, 0.1+0.2, 1e-5, 1.5e-7, 1e16, 1e15, 123456.789, 0.0001, 0.00001, 2, 1/3, 5e-324, 1.7976931348623157e308])
    layers.append({'name': rnd(), 'type': 'linear_mv', 'input': [T(rnd())], 'output': [T(rnd())], 'param': [w], 'structure': {'bias_flag': False, 'mask_mode': rnd(), 'relu_flag': False}})
    layers.append({'name': rnd(), 'type': 'eltwise', 'input': [T(rnd()), T(rnd())], 'output': [T(rnd())], 'structure': {'eltwise_type': rnd()}})
sys.stdout.write(yaml.dump(layers, sort_keys=False))
