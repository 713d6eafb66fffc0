// Place and people names of 马鞍山市: the story's real names (People's Daily,
// 2017-07-08) and pools for generated Chinese names.

const CITY = { name: '马鞍山市', code: '340500000000', population: 2_290_000 };

/**
 * The three districts and three counties with their division codes; each lists
 * real township names first (街道 kind 'STREET', 镇 'TOWN', 乡 'XIANG') and how
 * many townships it has in the city profile. Fixed `no` pins a story code.
 */
const DISTRICTS = [
  {
    name: '花山区', code: '340503', townships: 9,
    known: [['解放路街道', 'STREET'], ['花山街道', 'STREET'], ['金家庄街道', 'STREET'], ['塘西街道', 'STREET'], ['桃源路街道', 'STREET'], ['霍里街道', 'STREET'], ['江东街道', 'STREET'], ['濮塘镇', 'TOWN']],
  },
  {
    name: '雨山区', code: '340504', townships: 8,
    known: [['平湖街道', 'STREET'], ['雨山街道', 'STREET'], ['安民街道', 'STREET'], ['采石街道', 'STREET'], ['银塘镇', 'TOWN'], ['向山镇', 'TOWN'], ['佳山乡', 'XIANG']],
  },
  {
    name: '博望区', code: '340506', townships: 3,
    known: [['博望镇', 'TOWN', 100], ['丹阳镇', 'TOWN', 101], ['新市镇', 'TOWN', 102]],
  },
  {
    name: '当涂县', code: '340521', townships: 14,
    known: [['姑孰镇', 'TOWN'], ['黄池镇', 'TOWN'], ['乌溪镇', 'TOWN'], ['石桥镇', 'TOWN'], ['塘南镇', 'TOWN'], ['护河镇', 'TOWN'], ['太白镇', 'TOWN'], ['年陡镇', 'TOWN'], ['湖阳镇', 'TOWN'], ['大陇镇', 'TOWN'], ['江心乡', 'XIANG']],
  },
  {
    name: '含山县', code: '340522', townships: 12,
    known: [['环峰镇', 'TOWN', 100], ['运漕镇', 'TOWN', 101], ['铜闸镇', 'TOWN', 102], ['陶厂镇', 'TOWN', 103], ['清溪镇', 'TOWN', 104], ['林头镇', 'TOWN', 105], ['仙踪镇', 'TOWN', 106], ['昭关镇', 'TOWN', 107]],
  },
  {
    name: '和县', code: '340523', townships: 14,
    known: [['历阳镇', 'TOWN', 100], ['白桥镇', 'TOWN', 103], ['姥桥镇', 'TOWN'], ['功桥镇', 'TOWN'], ['西埠镇', 'TOWN'], ['香泉镇', 'TOWN'], ['乌江镇', 'TOWN'], ['善厚镇', 'TOWN'], ['石杨镇', 'TOWN']],
  },
];

/**
 * The story's administrative villages with their people. `no`: the 3-digit
 * village number in the division code; `minGrids`: the story names that grid.
 */
const STORY_VILLAGES = [
  {
    township: '清溪镇', name: '太平村', no: 201, kind: 'GENERAL_BRANCH', secretary: '汤自迁', surname: '汤', minGrids: 3,
    gridLeaders: { 3: '汤晓琴' }, residents: ['汤自会', '吴中翠'], townshipAdmin: '范中和',
  },
  { township: '丹阳镇', name: '八卦村', no: 201, kind: 'GENERAL_BRANCH', secretary: '尹龙华', minGrids: 10, gridLeaders: { 10: '吴大敏' } },
  { township: '博望镇', name: '西城村', no: 201, kind: 'GENERAL_BRANCH', secretary: '张静云', townshipAdmin: '李世华' },
  { township: '白桥镇', name: '大许村', no: 201, kind: 'BRANCH', minGrids: 6, gridLeaders: { 6: '刘如春' } },
  { township: '历阳镇', name: '华阳社区', no: 1, kind: 'GENERAL_BRANCH', secretary: '潘策香', community: true },
];

const SURNAMES = [
  ['王', 9], ['李', 8], ['张', 8], ['刘', 6], ['陈', 6], ['杨', 4], ['黄', 3], ['赵', 3], ['吴', 4], ['周', 3], ['徐', 3], ['孙', 2],
  ['马', 2], ['朱', 2], ['胡', 2], ['郭', 2], ['何', 2], ['高', 2], ['林', 1], ['汤', 3], ['潘', 2], ['尹', 1], ['许', 2], ['姚', 1],
  ['戴', 1], ['夏', 1], ['钱', 1], ['丁', 2], ['陶', 1], ['范', 1], ['方', 1], ['葛', 1], ['鲍', 1], ['桂', 1], ['章', 1], ['沈', 1],
];
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建国春兰平红玉梅志刚德胜文斌海燕小云晓琴自会龙中和如翠策香大世凤金宝林荣新桂珍'.split('');
const PLACE_HEADS = '东西南北前后上下大小新老高低石杨柳桃李张王陈黄吴汤许姚丁马朱胡何周钱孙沈韩葛鲍章戴夏陶潘尹方范桂金'.split('');
const VILLAGE_SUFFIXES = ['村', '庄', '圩', '冲', '湾', '岗', '桥', '郢', '塘', '埂'];
const TOWN_SYLLABLES = '青龙凤鸣安和丰乐兴隆永宁华阳清泉福山桃源平湖新河白云金塔双河长岭'.split('');
const ROADS = ['中心路', '和平路', '团结路', '幸福路', '兴农路', '新村路', '胜利路', '建设路'];

module.exports = { CITY, DISTRICTS, STORY_VILLAGES, SURNAMES, GIVEN, PLACE_HEADS, VILLAGE_SUFFIXES, TOWN_SYLLABLES, ROADS };
