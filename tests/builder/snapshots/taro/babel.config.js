const taroPreset = ['taro', { framework: 'react', ts: false, compiler: 'webpack5' }]

module.exports = {
  presets: [taroPreset]
}
