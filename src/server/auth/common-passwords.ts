// The most common leaked passwords (lower-cased) long enough to pass the length rule, including the classic
// short ones with common suffixes. Credential-stuffing lists start with exactly these, so they are refused outright.
const LIST = `
1234567890 0987654321 12345678910 123456789a 123456789q 1234567890a 1234567891 1111111111 0000000000
2222222222 5555555555 7777777777 9999999999 1212121212 1122334455 1234512345 0123456789 123123123123
1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx3edc 1qazxsw2edc zaq12wsxcde 1qaz2wsx3e zaq1zaq1zaq1 q1w2e3r4t5 q1w2e3r4t5y6
qwertyuiop qwertyuiop1 qwertyuiop123 qwerty1234 qwerty12345 qwerty123456 qwertyqwerty asdfghjkl1
asdfghjkl123 asdfasdfasdf zxcvbnm123 zxcvbnmasd 1qaz2wsx!@ abc1234567 abcdefghij abcdefg123 abcd123456
aa12345678 a123456789 a1234567890 a1b2c3d4e5 aaaaaaaaaa password1! password12 password123 password1234
password12345 password123! passw0rd123 p@ssw0rd123 p@ssword123 mypassword mypassword1 mypassword123
passwordpassword thepassword secretpassword changeme123 changemenow letmein123 letmeinnow welcome123
welcome1234 welcome2024 welcome2025 welcome2026 iloveyou12 iloveyou123 iloveyou1234 iloveyouforever
princess123 princess12 sunshine123 sunshine12 football123 football12 baseball123 basketball basketball1
superman123 batman1234 starwars123 pokemon123 dragon1234 monkey1234 master1234 shadow1234 michael123
jennifer123 jordan2323 charlie123 trustno1234 freedom123 whatever123 computer12 computer123 internet123
administrator admin12345 admin123456 adminadmin administrator1 rootroot12 root123456 test123456 testtest12
testing123 qazwsxedc123 qazwsxedcrfv 1qazxsw23edc michael1234 chocolate1 chocolate123 butterfly1
butterfly123 elizabeth1 alexander1 christopher fuckyou123 minecraft1 minecraft123 liverpool1 liverpool123
arsenal123 chelsea123 manchester 123qweasdzxc 123qweasd123 qweasdzxc123 spring2024 summer2024 autumn2024
winter2024 spring2025 summer2025 winter2025 summer2026 winter2026 december12 september1 1234qwerasdf
1234abcd5678 abc123abc123 hello12345 hello123456 helloworld helloworld1 helloworld123 iloveyou!!
qwerty123! q1w2e3r4t5y6u7 pass123456 pass12345678 password01 password00 p4ssw0rd123 letmein1234
stockhub123 stockhub2026 tradingpass investment1 moneymoney1 moneymaker1 bitcoin123 stocks12345
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
