// Plausible names for the demo data by nationality (ISO 3166-1 alpha-2). Common names only:
// the demo people are invented.

export interface NamePool {
  male: readonly string[];
  female: readonly string[];
  last: readonly string[];
  /** Languages where a woman's surname has its own form (Polish, Lithuanian, …). */
  lastFemale?: readonly string[];
}

export const NAMES: Readonly<Record<string, NamePool>> = {
  NO: {
    male: ['Ole', 'Lars', 'Jan', 'Per', 'Kjetil', 'Morten', 'Thomas', 'Anders', 'Martin', 'Kristian', 'Jonas', 'Magnus', 'Andreas',
      'Daniel', 'Marius', 'Fredrik', 'Henrik', 'Espen', 'Stian', 'Tor', 'Geir', 'Rune', 'Bjørn', 'Knut', 'Arne', 'Trond', 'Even',
      'Sindre', 'Sander', 'Mathias', 'Emil', 'Tobias', 'Kristoffer', 'Eirik', 'Håkon', 'Vegard', 'Øyvind', 'Jørgen', 'Sverre',
      'Terje', 'Roger', 'Frode', 'Svein', 'Odd', 'Kim', 'Tommy', 'Ronny', 'Glenn', 'Robin', 'Alexander', 'Sebastian', 'Adrian',
      'Joakim', 'Ruben', 'Petter', 'Steinar', 'Ivar', 'Eivind', 'Aleksander', 'Jon'],
    female: ['Anne', 'Kari', 'Ingrid', 'Hilde', 'Marianne', 'Silje', 'Ida', 'Nora', 'Emma', 'Sara', 'Camilla', 'Linn', 'Marte',
      'Kristin', 'Hanne', 'Tone', 'Randi', 'Liv', 'Elin', 'Mona', 'Line', 'Stine', 'Thea', 'Julie', 'Maria', 'Ingvild', 'Trine',
      'Cecilie', 'Heidi', 'Guro', 'Siri', 'Tuva', 'Solveig', 'Astrid', 'Ragnhild', 'Eli'],
    last: ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen',
      'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen',
      'Henriksen', 'Lund', 'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand', 'Solberg', 'Svendsen', 'Eide',
      'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie', 'Amundsen', 'Rasmussen', 'Lunde',
      'Kristensen', 'Bakke', 'Berge', 'Moe', 'Nygård', 'Fredriksen', 'Solheim', 'Holm', 'Aas', 'Vik', 'Myhre', 'Sæther', 'Ruud',
      'Hauge', 'Tangen', 'Brekke', 'Nordby', 'Løken', 'Haugland', 'Aune', 'Myklebust', 'Fosse', 'Halvorsen', 'Engen', 'Ødegård',
      'Birkeland', 'Sandvik', 'Hovland', 'Økland', 'Rønning', 'Nordvik'],
  },
  SE: {
    male: ['Erik', 'Johan', 'Lars', 'Mikael', 'Anders', 'Per', 'Karl', 'Niklas', 'Oskar', 'Viktor', 'Jonas', 'Patrik'],
    female: ['Anna', 'Emma', 'Sofia', 'Maria', 'Elin', 'Linnéa'],
    last: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson',
      'Lindberg', 'Lindqvist', 'Jönsson', 'Berglund'],
  },
  DK: {
    male: ['Mads', 'Søren', 'Jens', 'Rasmus', 'Mikkel', 'Frederik', 'Niels', 'Kasper'],
    female: ['Mette', 'Camilla', 'Louise', 'Signe'],
    last: ['Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen'],
  },
  PL: {
    male: ['Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Marcin', 'Michał', 'Łukasz', 'Grzegorz', 'Adam', 'Kamil', 'Mateusz', 'Dariusz',
      'Rafał', 'Jakub'],
    female: ['Anna', 'Katarzyna', 'Magdalena', 'Agnieszka', 'Joanna', 'Monika'],
    last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański',
      'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Krawczyk'],
    lastFemale: ['Nowak', 'Kowalska', 'Wiśniewska', 'Wójcik', 'Kowalczyk', 'Kamińska', 'Lewandowska', 'Zielińska', 'Szymańska',
      'Mazur'],
  },
  LT: {
    male: ['Tomas', 'Mindaugas', 'Darius', 'Andrius', 'Vytautas', 'Giedrius', 'Rolandas', 'Saulius', 'Paulius', 'Egidijus',
      'Tadas', 'Arūnas'],
    female: ['Jurgita', 'Rasa', 'Inga', 'Asta', 'Vilma'],
    last: ['Kazlauskas', 'Jankauskas', 'Petrauskas', 'Stankevičius', 'Vasiliauskas', 'Žukauskas', 'Butkus', 'Paulauskas',
      'Urbonas', 'Kavaliauskas', 'Navickas', 'Ramanauskas'],
    lastFemale: ['Kazlauskienė', 'Jankauskienė', 'Petrauskienė', 'Stankevičiūtė', 'Vasiliauskaitė', 'Butkutė', 'Urbonienė'],
  },
  LV: {
    male: ['Jānis', 'Andris', 'Mārtiņš', 'Edgars', 'Raivis', 'Kaspars', 'Aigars'],
    female: ['Ilze', 'Līga', 'Inese'],
    last: ['Bērziņš', 'Kalniņš', 'Ozoliņš', 'Liepiņš', 'Krūmiņš', 'Jansons', 'Vītols'],
    lastFemale: ['Bērziņa', 'Kalniņa', 'Ozoliņa', 'Liepiņa', 'Krūmiņa'],
  },
  EE: {
    male: ['Andres', 'Margus', 'Rein', 'Tarmo', 'Marko', 'Siim'],
    female: ['Kadri', 'Liis', 'Kristiina'],
    last: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Kukk', 'Rebane'],
  },
  RO: {
    male: ['Ion', 'Andrei', 'Mihai', 'Alexandru', 'Constantin', 'Florin', 'Marius', 'Gabriel', 'Adrian', 'Ionuț', 'Cristian',
      'Vasile'],
    female: ['Maria', 'Elena', 'Ioana', 'Andreea', 'Florentina'],
    last: ['Popescu', 'Ionescu', 'Popa', 'Constantin', 'Stan', 'Dumitru', 'Stoica', 'Gheorghe', 'Munteanu', 'Matei', 'Lazăr',
      'Radu', 'Rusu', 'Moldovan'],
  },
  BG: {
    male: ['Georgi', 'Ivan', 'Dimitar', 'Nikolay', 'Stoyan', 'Hristo', 'Petar'],
    female: ['Maria', 'Elena', 'Desislava'],
    last: ['Ivanov', 'Georgiev', 'Dimitrov', 'Petrov', 'Nikolov', 'Hristov', 'Stoyanov', 'Todorov'],
    lastFemale: ['Ivanova', 'Georgieva', 'Dimitrova', 'Petrova', 'Nikolova'],
  },
  RS: {
    male: ['Nikola', 'Marko', 'Stefan', 'Dragan', 'Zoran', 'Milan', 'Aleksandar', 'Goran'],
    female: ['Jelena', 'Milica', 'Ana'],
    last: ['Jovanović', 'Petrović', 'Nikolić', 'Marković', 'Đorđević', 'Stojanović', 'Ilić', 'Pavlović'],
  },
  AL: {
    male: ['Arben', 'Besnik', 'Dritan', 'Ermal', 'Fatmir', 'Gentian', 'Ilir', 'Klodian', 'Arjan', 'Erion', 'Altin'],
    female: ['Elira', 'Anila', 'Blerta'],
    last: ['Hoxha', 'Shehu', 'Dervishi', 'Leka', 'Gjoka', 'Krasniqi', 'Berisha', 'Kola', 'Prifti', 'Meta', 'Çela'],
  },
  GE: {
    male: ['Giorgi', 'Levan', 'Davit', 'Irakli', 'Zurab', 'Nika', 'Lasha'],
    female: ['Nino', 'Tamar', 'Mariam'],
    last: ['Beridze', 'Kapanadze', 'Gelashvili', 'Maisuradze', 'Lomidze', 'Tsiklauri', 'Abashidze', 'Janelidze'],
  },
  UA: {
    male: ['Oleksandr', 'Andriy', 'Serhiy', 'Dmytro', 'Volodymyr', 'Mykola', 'Yuriy'],
    female: ['Olena', 'Iryna', 'Oksana'],
    last: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Boyko', 'Moroz'],
  },
  RU: {
    male: ['Aleksandr', 'Sergey', 'Dmitry', 'Andrey', 'Alexey', 'Igor', 'Vladimir'],
    female: ['Elena', 'Olga', 'Natalia'],
    last: ['Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Sokolov', 'Lebedev', 'Kozlov', 'Novikov'],
    lastFemale: ['Ivanova', 'Smirnova', 'Kuznetsova', 'Popova', 'Sokolova'],
  },
  DE: {
    male: ['Stefan', 'Michael', 'Thomas', 'Andreas', 'Markus', 'Christian', 'Sebastian', 'Jan'],
    female: ['Julia', 'Sabine', 'Katrin'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann'],
  },
  NL: {
    male: ['Dennis', 'Kevin', 'Mark', 'Sander', 'Jeroen', 'Bas', 'Thijs'],
    female: ['Lisa', 'Anouk', 'Sanne'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer'],
  },
  GB: {
    male: ['James', 'John', 'David', 'Michael', 'Paul', 'Mark', 'Daniel', 'Lee'],
    female: ['Sarah', 'Emma', 'Claire'],
    last: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson'],
  },
  ES: {
    male: ['Juan', 'Carlos', 'José', 'Antonio', 'Javier', 'Miguel', 'Pablo', 'Sergio'],
    female: ['Laura', 'Marta', 'Lucía'],
    last: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez'],
  },
  SO: {
    male: ['Abdi', 'Mohamed', 'Ahmed', 'Hassan', 'Abdirahman', 'Abdullahi', 'Ali', 'Yusuf', 'Omar', 'Farah', 'Hussein', 'Mahad'],
    female: ['Fadumo', 'Hodan', 'Amina', 'Sahra', 'Hawa'],
    last: ['Mohamed', 'Ahmed', 'Hassan', 'Ali', 'Abdi', 'Warsame', 'Jama', 'Osman', 'Farah', 'Nur', 'Ismail', 'Aden', 'Egal'],
  },
  ER: {
    male: ['Yonas', 'Tesfay', 'Dawit', 'Samuel', 'Mehari', 'Yemane', 'Filmon', 'Habtom'],
    female: ['Helen', 'Selam', 'Senait'],
    last: ['Tesfamariam', 'Gebremedhin', 'Haile', 'Tekle', 'Berhane', 'Ghebreyesus', 'Kidane', 'Mebrahtu'],
  },
  IQ: {
    male: ['Mohammed', 'Ahmad', 'Ali', 'Hussein', 'Omar', 'Karim', 'Mustafa', 'Haider', 'Ibrahim', 'Abbas', 'Zaid'],
    female: ['Fatima', 'Zainab', 'Noor', 'Mariam'],
    last: ['Al-Jabouri', 'Hussein', 'Kareem', 'Abbas', 'Hassan', 'Jasim', 'Mahmoud', 'Salih', 'Al-Tamimi', 'Rashid', 'Aziz'],
  },
  SY: {
    male: ['Mohammad', 'Ahmad', 'Khaled', 'Rami', 'Samer', 'Bilal', 'Youssef', 'Hamza', 'Anas', 'Omar'],
    female: ['Layla', 'Rania', 'Hiba', 'Noor'],
    last: ['Al-Hassan', 'Khalil', 'Haddad', 'Saleh', 'Nasser', 'Darwish', 'Hamdan', 'Mansour', 'Al-Ahmad', 'Kurdi'],
  },
  MA: {
    male: ['Mohamed', 'Youssef', 'Karim', 'Rachid', 'Said', 'Hicham', 'Nabil', 'Mehdi', 'Amine'],
    female: ['Fatima', 'Khadija', 'Samira', 'Naima'],
    last: ['El Amrani', 'Benali', 'El Idrissi', 'Bennani', 'Alaoui', 'El Mansouri', 'Chakir', 'Tazi', 'Berrada', 'Ouali'],
  },
  DZ: {
    male: ['Mohamed', 'Karim', 'Sofiane', 'Yacine', 'Nassim', 'Riad', 'Farid'],
    female: ['Amel', 'Samia', 'Lamia'],
    last: ['Benali', 'Boukhari', 'Haddad', 'Mebarki', 'Saadi', 'Bouzid', 'Cherif', 'Hamidi'],
  },
  AF: {
    male: ['Ahmad', 'Mohammad', 'Ali', 'Reza', 'Hamid', 'Farid', 'Najib', 'Jawad', 'Mustafa', 'Sayed', 'Rahim', 'Wahid'],
    female: ['Zahra', 'Fatima', 'Maryam', 'Nargis'],
    last: ['Ahmadi', 'Hosseini', 'Rahimi', 'Mohammadi', 'Karimi', 'Sultani', 'Haidari', 'Azizi', 'Noori', 'Popal', 'Stanekzai'],
  },
  IR: {
    male: ['Reza', 'Ali', 'Hossein', 'Mehdi', 'Amir', 'Saeed', 'Dariush', 'Babak', 'Kaveh', 'Omid'],
    female: ['Maryam', 'Leila', 'Shirin'],
    last: ['Hosseini', 'Ahmadi', 'Karimi', 'Rezaei', 'Mohammadi', 'Moradi', 'Jafari', 'Sadeghi', 'Rostami'],
  },
  PK: {
    male: ['Muhammad', 'Imran', 'Asif', 'Kamran', 'Tariq', 'Usman', 'Bilal', 'Zeeshan', 'Faisal', 'Shahid', 'Adeel'],
    female: ['Ayesha', 'Sana', 'Nadia', 'Saima'],
    last: ['Khan', 'Ahmed', 'Butt', 'Hussain', 'Malik', 'Iqbal', 'Chaudhry', 'Raza', 'Shah', 'Aslam', 'Mirza'],
  },
  TR: {
    male: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin', 'Emre', 'Murat', 'Hakan', 'Burak', 'Serkan'],
    female: ['Ayşe', 'Fatma', 'Elif'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir'],
  },
  VN: {
    male: ['Minh', 'Tuan', 'Hung', 'Duc', 'Nam', 'Thanh', 'Long', 'Quang', 'Khanh'],
    female: ['Lan', 'Huong', 'Mai', 'Linh'],
    last: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang', 'Bui', 'Do', 'Ngo'],
  },
  NG: {
    male: ['Chinedu', 'Emeka', 'Oluwaseun', 'Ibrahim', 'Tunde', 'Chukwuma', 'Ifeanyi', 'Babatunde', 'Uche', 'Segun'],
    female: ['Ngozi', 'Chioma', 'Blessing', 'Funmilayo'],
    last: ['Okafor', 'Adeyemi', 'Okonkwo', 'Eze', 'Nwosu', 'Balogun', 'Ogunleye', 'Obi', 'Adebayo', 'Chukwu'],
  },
  GM: {
    male: ['Lamin', 'Ebrima', 'Modou', 'Ousman', 'Alieu', 'Momodou', 'Bakary', 'Omar'],
    female: ['Fatou', 'Isatou', 'Mariama'],
    last: ['Jallow', 'Ceesay', 'Touray', 'Bah', 'Sowe', 'Sanneh', 'Njie', 'Jobe'],
  },
};

/**
 * Foreign nationalities among prisoners, with weights (a plausible Norwegian mix: Poland and
 * Lithuania largest, then Romania, Sweden, Somalia, Iraq, Afghanistan, Syria, Albania, …).
 */
export const FOREIGN_NATIONALITIES: readonly (readonly [string, number])[] = [
  ['PL', 16], ['LT', 11], ['RO', 9], ['SE', 6], ['SO', 6], ['IQ', 5], ['AF', 5], ['SY', 4], ['AL', 4], ['MA', 3], ['NG', 3],
  ['ER', 3], ['VN', 3], ['LV', 3], ['BG', 3], ['IR', 3], ['DZ', 2], ['GM', 2], ['RS', 2], ['PK', 2], ['TR', 2], ['DK', 2],
  ['UA', 2], ['GE', 2], ['EE', 1.5], ['GB', 1.5], ['DE', 1.5], ['NL', 1.5], ['RU', 1.5], ['ES', 1],
];

/** Name origins of Norwegian citizens with an immigrant background. */
export const NORWEGIAN_BACKGROUNDS: readonly (readonly [string, number])[] = [
  ['SO', 4], ['PK', 4], ['IQ', 3], ['VN', 2], ['TR', 2], ['IR', 2], ['AF', 2], ['PL', 2], ['MA', 2], ['ER', 2], ['SE', 1], ['RS', 1],
];
